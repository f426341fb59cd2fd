import { describe, expect, it } from 'vitest';
import type { ReportStatusView } from '../../../src/citizen/engine/effect.ts';
import { statusLines } from '../../../src/citizen/flows/status-flow.ts';
import { translate } from '../../../src/platform/text/translate.ts';
import { EngineDriver } from '../../support/engine-driver.ts';

function atStatus(language: 'vi' | 'en' = 'vi'): EngineDriver {
  const d = new EngineDriver({ language });
  d.command('start');
  d.press(language === 'vi' ? 'Tra cứu' : 'Check a report');
  expect(d.state.step).toBe('st_code');
  return d;
}

const report: ReportStatusView = {
  reportId: '00000000-0000-4000-8000-000000000042',
  registerNumber: 'TB-2025-000042',
  status: 'verifying',
  submittedAt: new Date('2025-11-20T03:00:00Z'),
  decisionDueAt: new Date('2025-12-10T16:59:59Z'),
  openQuestion: 'Bạn còn giữ tin nhắn SMS lừa đảo không?',
};

describe('status flow', () => {
  it('refuses a code of the wrong shape without a look-up and asks again', () => {
    const d = atStatus();
    const exchange = d.text('12345');
    expect(exchange.effects).toEqual([]);
    expect(exchange.replies[0]?.keys).toEqual(['status.bad_format', 'status.code_question']);
    expect(d.state.step).toBe('st_code');
  });

  it('looks a well-formed code up in its canonical form', () => {
    const d = atStatus();
    const exchange = d.text('abcd efgh jkmnp');
    expect(exchange.effects).toEqual([{ kind: 'lookup_status', canonicalCode: 'ABCDEFGHJKMNP' }]);
    expect(exchange.outcome).toBe('status_query');
  });

  it('says a code was not found and asks again', () => {
    const d = atStatus();
    d.willAnswer({ kind: 'report_not_found' });
    const exchange = d.text('ABCD-EFGH-JKMNP');
    expect(exchange.replies.map((r) => r.keys)).toEqual([['status.not_found', 'status.code_question']]);
    expect(d.state.step).toBe('st_code');
  });

  it('shows the status, the deadline and the officer question, then takes the answer to it', () => {
    const d = atStatus();
    d.willAnswer({ kind: 'status_found', report });
    const exchange = d.text('ABCD-EFGH-JKMNP');
    expect(exchange.replies[0]?.text).toBe(
      [
        'Tin số TB-2025-000042, tiếp nhận ngày 20/11/2025.',
        'Tình trạng: Đang kiểm tra, xác minh',
        'Hạn giải quyết: 10/12/2025',
        'Cán bộ hỏi: "Bạn còn giữ tin nhắn SMS lừa đảo không?"',
        'Để trả lời, bạn chỉ cần nhắn câu trả lời tại đây.',
      ].join('\n'),
    );
    expect(exchange.replies[1]?.keys).toEqual(['follow_up.content_question']);
    expect(d.state).toMatchObject({ step: 'fu_content', followUpReportId: report.reportId });
    const answer = d.text('Tôi vẫn còn giữ tin nhắn đó.');
    expect(answer.effects).toEqual([
      { kind: 'append_follow_up', reportId: report.reportId, text: 'Tôi vẫn còn giữ tin nhắn đó.' },
    ]);
  });

  it('leaves out the deadline and question when there are none', () => {
    const lines = statusLines({ ...report, decisionDueAt: null, openQuestion: null }, 'en');
    expect(lines.map((l) => l.key)).toEqual(['status.found']);
    expect(translate('en', lines[0] ?? { key: 'x' })).toBe(
      'Report TB-2025-000042, received on 20/11/2025.\nStatus: Being verified',
    );
  });

  it('shows the deadline as a Vietnamese date, whatever the server zone', () => {
    // 16:59:59 UTC on 10 December is 23:59:59 in Hanoi: still the 10th there.
    const [, due] = statusLines({ ...report, decisionDueAt: new Date('2025-12-10T16:59:59Z') }, 'vi');
    expect(translate('vi', due ?? { key: 'x' })).toBe('Hạn giải quyết: 10/12/2025');
  });

  it('says look-ups are limited and returns to the menu', () => {
    const d = atStatus();
    d.willAnswer({ kind: 'lookup_limited', retryAfterMinutes: 15 });
    const exchange = d.text('ABCD-EFGH-JKMNP');
    expect(exchange.replies[0]?.text).toBe('Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
    expect(d.state.step).toBe('menu');
  });

  it('asks again with an error on an unexpected result', () => {
    const d = atStatus();
    d.willAnswer({ kind: 'done' });
    const exchange = d.text('ABCD-EFGH-JKMNP');
    expect(exchange.replies[0]?.keys[0]).toBe('errors.try_again');
    expect(d.state.step).toBe('st_code');
  });

  it('opens from the /status command', () => {
    const d = new EngineDriver();
    d.command('status');
    expect(d.state.step).toBe('st_code');
  });

  it('/status with a code looks it up at once, the code typed loosely', () => {
    const d = new EngineDriver();
    d.willAnswer({ kind: 'status_found', report: { ...report, openQuestion: null } });
    const exchange = d.command('status', 'abcd efgh jkmnp');
    expect(exchange.effects).toEqual([{ kind: 'lookup_status', canonicalCode: 'ABCDEFGHJKMNP' }]);
    expect(exchange.outcome).toBe('status_query');
    expect(exchange.replies.map((r) => r.keys[0])).toEqual(['status.found', 'menu.question']);
    expect(d.state.step).toBe('menu');
  });

  it('/status with a code of the wrong shape says so without a look-up', () => {
    const d = new EngineDriver();
    const exchange = d.command('status', '12345');
    expect(exchange.effects).toEqual([]);
    expect(exchange.replies.map((r) => r.keys)).toEqual([['status.bad_format', 'status.code_question']]);
    expect(d.state.step).toBe('st_code');
  });

  it('/status with an unknown code says it was not found', () => {
    const d = new EngineDriver();
    d.willAnswer({ kind: 'report_not_found' });
    const exchange = d.command('status', 'ABCD-EFGH-JKMNP');
    expect(exchange.replies.map((r) => r.keys)).toEqual([['status.not_found', 'status.code_question']]);
  });

  it.each([
    'tra cứu ABCD-EFGH-JKMNP',
    'tra cuu abcd efgh jkmnp',
    'TRA CUU abcdefghjkmnp',
    'Tra cứu mã: ABCD-EFGH-JKMNP',
    'Mã tra cứu: ABCD-EFGH-JKMNP',
    'status ABCD-EFGH-JKMNP',
  ])('%j typed at the menu is looked up at once', (typed) => {
    const d = new EngineDriver();
    const exchange = d.text(typed);
    expect(exchange.effects).toEqual([{ kind: 'lookup_status', canonicalCode: 'ABCDEFGHJKMNP' }]);
    expect(exchange.outcome).toBe('status_query');
  });

  it('"tra cuu CODE" as the first message of a new chat answers the status, not the language question', () => {
    const d = new EngineDriver();
    d.resume(null, { languageHint: 'vi', expired: false });
    d.willAnswer({ kind: 'status_found', report });
    const exchange = d.text('tra cuu abcd-efgh-jkmnp');
    expect(exchange.replies[0]?.text).toContain('Tình trạng: Đang kiểm tra, xác minh');
  });

  it('"tra cuu" with a code of the wrong shape at the menu says so rather than asking again', () => {
    const d = new EngineDriver();
    const exchange = d.text('tra cuu 12345');
    expect(exchange.replies.map((r) => r.keys)).toEqual([['status.bad_format', 'status.code_question']]);
  });

  it('the menu label typed, or "tra cứu" at the code question, still work as before', () => {
    const d = new EngineDriver();
    expect(d.text('tra cuu ket qua bang ma').replies.map((r) => r.keys)).toEqual([['status.code_question']]);
    expect(d.text('tra cứu ABCD-EFGH-JKMNP').effects).toEqual([
      { kind: 'lookup_status', canonicalCode: 'ABCDEFGHJKMNP' },
    ]);
  });

  it('mid-report, "tra cứu" followed by digits or a code is part of what the citizen tells', () => {
    const d = new EngineDriver();
    d.command('start', 'tip');
    d.press('Lừa đảo');
    const description = 'Tra cứu 3 việc làm trên mạng thì bị lừa đặt cọc 5 triệu đồng.';
    expect(d.text(description).effects).toEqual([]);
    expect(d.state.draft.description).toBe(description);
    const typedAtWhen = d.text('tra cuu ABCD-EFGH-JKMNP');
    expect(typedAtWhen.effects).toEqual([]);
    expect(d.state.draft.category).toBeDefined();
    expect(d.engine.flowOf(d.state)).toBe('crime_tip');
  });

  it('leaves with back at its only question', () => {
    const d = atStatus();
    const exchange = d.text('back');
    expect(d.state.step).toBe('menu');
    expect(exchange.replies[0]?.keys).toEqual(['menu.question']);
  });
});
