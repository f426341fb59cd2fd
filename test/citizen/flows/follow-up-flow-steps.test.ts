import { describe, expect, it } from 'vitest';
import { EngineDriver, photo, sticker } from '../../support/engine-driver.ts';

const found = {
  kind: 'follow_up_report_found',
  reportId: 'report-7',
  registerNumber: 'TB-2025-000007',
} as const;

function atContent(): EngineDriver {
  const d = new EngineDriver();
  d.command('start');
  d.press('Bổ sung thông tin');
  expect(d.state.step).toBe('fu_code');
  d.willAnswer(found);
  d.text('abcd-efgh-jkmnp');
  expect(d.state.step).toBe('fu_content');
  return d;
}

describe('follow-up flow', () => {
  it('looks the report up by its code and asks for the content', () => {
    const d = new EngineDriver();
    d.command('start', 'followup');
    d.willAnswer(found);
    const exchange = d.text('ABCD-EFGH-JKMNP');
    expect(exchange.effects).toEqual([{ kind: 'find_report_for_follow_up', canonicalCode: 'ABCDEFGHJKMNP' }]);
    expect(exchange.outcome).toBe('follow_up');
    expect(exchange.replies.at(-1)?.text).toBe(
      'Tin số TB-2025-000007. Gửi nội dung hoặc ảnh, tệp cần bổ sung; bấm "Xong" khi hoàn tất.',
    );
    expect(d.state).toMatchObject({ followUpReportId: 'report-7', followUpRegisterNumber: 'TB-2025-000007' });
  });

  it('refuses a malformed code without a look-up', () => {
    const d = new EngineDriver();
    d.command('start', 'followup');
    const exchange = d.text('abc');
    expect(exchange.effects).toEqual([]);
    expect(exchange.replies[0]?.keys[0]).toBe('status.bad_format');
  });

  it('says an unknown code was not found and asks again', () => {
    const d = new EngineDriver();
    d.command('start', 'followup');
    d.willAnswer({ kind: 'report_not_found' });
    const exchange = d.text('ABCD-EFGH-JKMNP');
    expect(exchange.replies[0]?.keys).toEqual(['status.not_found', 'follow_up.code_question']);
    expect(d.state.step).toBe('fu_code');
  });

  it('returns to the menu when look-ups are limited', () => {
    const d = new EngineDriver();
    d.command('start', 'followup');
    d.willAnswer({ kind: 'lookup_limited', retryAfterMinutes: 30 });
    const exchange = d.text('ABCD-EFGH-JKMNP');
    expect(exchange.replies[0]?.text).toContain('30 phút');
    expect(d.state.step).toBe('menu');
  });

  it('appends typed text to the report and confirms', () => {
    const d = atContent();
    d.willAnswer({ kind: 'follow_up_appended' });
    const exchange = d.text('Tôi còn giữ tin nhắn SMS, số gửi là 0901234567.');
    expect(exchange.effects).toEqual([
      {
        kind: 'append_follow_up',
        reportId: 'report-7',
        text: 'Tôi còn giữ tin nhắn SMS, số gửi là 0901234567.',
      },
    ]);
    expect(exchange.replies[0]?.keys).toEqual(['follow_up.added']);
    expect(exchange.replies[0]?.choiceIds).toEqual(['done']);
    expect(d.state.step).toBe('fu_content');
  });

  it('appends a photo with its caption', () => {
    const d = atContent();
    const file = photo();
    d.willAnswer({ kind: 'follow_up_appended' });
    const exchange = d.attach(file, { caption: 'Ảnh tin nhắn' });
    expect(exchange.effects).toEqual([
      { kind: 'append_follow_up', reportId: 'report-7', attachment: file, text: 'Ảnh tin nhắn' },
    ]);
    expect(exchange.replies[0]?.keys).toEqual(['follow_up.added']);
  });

  it('refuses a sticker', () => {
    const d = atContent();
    const exchange = d.attach(sticker());
    expect(exchange.effects).toEqual([]);
    expect(exchange.replies[0]?.keys[0]).toBe('evidence.sticker_declined');
  });

  it('refuses text too short to add', () => {
    const d = atContent();
    const exchange = d.text('ok nhé');
    expect(exchange.effects).toEqual([]);
    expect(exchange.replies[0]?.text).toMatch(/^Câu trả lời quá ngắn \(tối thiểu 10 ký tự\)/);
  });

  it('thanks the reporter on "done" and returns to the menu, forgetting the report', () => {
    const d = atContent();
    d.willAnswer({ kind: 'follow_up_appended' });
    d.text('Tôi còn giữ tin nhắn SMS, số gửi là 0901234567.');
    const exchange = d.press('Xong');
    expect(exchange.replies.map((r) => r.keys[0])).toEqual(['follow_up.thanks', 'menu.question']);
    expect(d.state.step).toBe('menu');
    expect(d.state.followUpReportId).toBeUndefined();
  });

  it('asks again with an error when the append did not go through', () => {
    const d = atContent();
    d.willAnswer({ kind: 'done' });
    const exchange = d.text('Tôi còn giữ tin nhắn SMS, số gửi là 0901234567.');
    expect(exchange.replies[0]?.keys[0]).toBe('errors.try_again');
    expect(d.state.step).toBe('fu_content');
  });
});
