import { describe, expect, it } from 'vitest';
import type { EffectResult } from '../../../src/citizen/engine/effect.ts';
import { atCrimeTip, type EngineDriver, textOnlyCapabilities } from '../../support/engine-driver.ts';

const description = 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.';
const submitted: EffectResult = {
  kind: 'report_submitted',
  reportId: 'report-1',
  receiptCode: 'ABCD-EFGH-JKMNP',
  registerNumber: 'TB-2025-000042',
};

/** A crime tip at the anonymity question. */
function atAnonymity(driver = atCrimeTip()): EngineDriver {
  driver.press('Ma túy');
  driver.text(description);
  driver.press('Hôm nay');
  driver.text('nghe an');
  driver.press('Không rõ xã/phường');
  driver.text('Một thanh niên đi xe máy');
  driver.press('Bỏ qua');
  expect(driver.state.step).toBe('tip_anonymity');
  return driver;
}

function atReview(): EngineDriver {
  const d = atAnonymity();
  d.press('Ẩn danh');
  expect(d.state.step).toBe('tip_review');
  return d;
}

describe('anonymity and contact', () => {
  it('goes straight to the review in anonymous mode and keeps no phone', () => {
    const d = atAnonymity();
    d.press('Ẩn danh');
    expect(d.state.step).toBe('tip_review');
    expect(d.state.draft.anonymity).toBe('anonymous');
    expect(d.state.draft.phone).toBeUndefined();
  });

  it('asks for the phone through the contact button in confidential mode', () => {
    const d = atAnonymity();
    d.press('Giữ bí mật');
    const question = d.question();
    expect(question.request).toBe('contact');
    expect(question.keys).toEqual(['contact.question']);
    expect(question.choiceIds).toEqual(['anonymous_instead', 'nav_back', 'nav_cancel']);
  });

  it('asks for a typed phone where the channel has no contact button', () => {
    const d = atAnonymity(atCrimeTip({ capabilities: textOnlyCapabilities }));
    d.press('Giữ bí mật');
    expect(d.question().request).toBeUndefined();
    expect(d.question().keys).toEqual(['contact.question_typed']);
  });

  it.each([
    ['84912345678', '+84912345678'],
    ['+84912345678', '+84912345678'],
    [' 84912345678 ', '+84912345678'],
  ])('takes the own number shared as %j in E.164', (shared, stored) => {
    const d = atAnonymity();
    d.press('Giữ bí mật');
    d.contact(shared);
    expect(d.state.step).toBe('tip_review');
    expect(d.state.draft).toMatchObject({ anonymity: 'confidential', phone: stored });
  });

  it.each([
    ['0912 345 678', '+84912345678'],
    ['0912345678', '+84912345678'],
    ['091.234.5678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
  ])('takes a typed phone %j', (typed, stored) => {
    const d = atAnonymity();
    d.press('Giữ bí mật');
    d.text(typed);
    expect(d.state.step).toBe('tip_review');
    expect(d.state.draft.phone).toBe(stored);
  });

  it('takes a foreign number in international form', () => {
    const d = atAnonymity();
    d.press('Giữ bí mật');
    d.text('+855 12 345 678');
    expect(d.state.draft.phone).toBe('+85512345678');
  });

  it('refuses a landline and asks again', () => {
    const d = atAnonymity();
    d.press('Giữ bí mật');
    const exchange = d.text('024 3825 1234');
    expect(exchange.replies[0]?.keys[0]).toBe('contact.invalid_phone');
    expect(d.state.step).toBe('tip_contact');
  });

  it('switches to anonymous with "send anonymously instead"', () => {
    const d = atAnonymity();
    d.press('Giữ bí mật');
    d.press('Gửi ẩn danh');
    expect(d.state.step).toBe('tip_review');
    expect(d.state.draft.anonymity).toBe('anonymous');
    expect(d.state.draft.phone).toBeUndefined();
  });

  it('drops a phone already given when the reporter goes back and chooses anonymous', () => {
    const d = atAnonymity();
    d.press('Giữ bí mật');
    d.text('0912345678');
    d.text('quay lai');
    d.text('quay lai');
    expect(d.state.step).toBe('tip_anonymity');
    d.press('Ẩn danh');
    expect(d.state.draft.phone).toBeUndefined();
    d.press('Gửi tin');
    expect(d.pending).toMatchObject({ kind: 'submit_report', draft: { anonymity: 'anonymous' } });
    expect(d.pending?.kind === 'submit_report' && 'phone' in d.pending.draft).toBe(false);
  });
});

describe('review', () => {
  it('shows the answers before anything is sent', () => {
    const d = atReview();
    expect(d.question().text).toBe(
      [
        'Vui lòng kiểm tra lại thông tin:',
        '• Loại tội phạm: Ma túy',
        `• Nội dung: ${description}`,
        '• Thời gian: Hôm nay',
        '• Địa điểm: Nghệ An',
        '• Người, phương tiện liên quan: Một thanh niên đi xe máy',
        '• Hình thức: Ẩn danh',
        'Bấm "Gửi tin" để gửi, "Quay lại" để sửa, hoặc "Hủy".',
      ].join('\n'),
    );
    expect(d.question().buttons).toEqual(['✅ Gửi tin', '⬅️ Quay lại', '✖️ Hủy']);
    expect(d.effects).toEqual([]);
  });

  it('shows a typed time and a pin as given', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.text(description);
    d.text('21h tối 20/11');
    d.location(21.0333, 105.85);
    d.press('Bỏ qua');
    d.press('Bỏ qua');
    d.press('Ẩn danh');
    expect(d.question().text).toContain('• Thời gian: 21h tối 20/11');
    expect(d.question().text).toContain('• Địa điểm: 21.03330, 105.85000');
  });

  it('shortens a long description', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.text('a'.repeat(500));
    d.press('Hôm nay');
    d.press('Không rõ');
    d.press('Bỏ qua');
    d.press('Bỏ qua');
    d.press('Ẩn danh');
    expect(d.question().text).toContain(`• Nội dung: ${'a'.repeat(300)}…\n`);
  });

  it('is shown in English in an English conversation', () => {
    const d = atCrimeTip({ language: 'en' });
    d.press('Fraud');
    d.text('Someone called pretending to be the police and asked for money.');
    d.press('Yesterday');
    d.press("Don't know");
    d.press('Skip');
    d.press('Skip');
    d.press('Anonymous');
    expect(d.question().text).toContain('• Kind of crime: Fraud, online scams');
    expect(d.question().text).toContain("• Where: Don't know");
    expect(d.question().buttons[0]).toBe('✅ Send report');
  });

  it('asks for exactly one submission on confirm', () => {
    const d = atReview();
    const exchange = d.press('Gửi tin');
    expect(exchange.effects).toHaveLength(1);
    expect(exchange.effects[0]?.kind).toBe('submit_report');
    expect(exchange.replies).toEqual([]);
    expect(exchange.outcome).toBe('report_step');
  });

  it('takes "gui tin" typed as confirm', () => {
    const d = atReview();
    expect(d.text('gui tin').effects).toHaveLength(1);
  });

  it('does not submit twice when the confirm button is pressed again after the receipt', () => {
    const d = atReview();
    d.willAnswer(submitted);
    d.press('Gửi tin');
    const again = d.send({ kind: 'choice', stepName: 'tip_review', choiceId: 'confirm' });
    expect(again.effects).toEqual([]);
    expect(again.replies[0]?.keys[0]).toBe('errors.stale_button');
    expect(d.effects).toHaveLength(1);
  });

  it('shows the receipt with the code and register number, then the menu', () => {
    const d = atReview();
    d.willAnswer(submitted);
    const exchange = d.press('Gửi tin');
    const [receipt, menu] = exchange.replies;
    expect(exchange.replies).toHaveLength(2);
    expect(receipt?.receiptFor).toBe('report-1');
    expect(receipt?.text).toContain('Mã tra cứu: ABCD-EFGH-JKMNP');
    expect(receipt?.text).toContain('Số vào sổ: TB-2025-000042');
    expect(receipt?.keys).toEqual(['receipt.submitted', 'receipt.keep_code', 'receipt.next_steps']);
    expect(menu?.keys).toEqual(['menu.question']);
    expect(d.state.step).toBe('menu');
  });

  it('remembers the submitted report and clears the draft', () => {
    const d = atReview();
    d.willAnswer(submitted);
    d.press('Gửi tin');
    expect(d.state.lastReportId).toBe('report-1');
    expect(d.state.draft).toEqual({ amendments: [], attachments: [], helpNeeded: [] });
    expect(d.state.history).toEqual([]);
  });

  it('adds a message edited after submission to the submitted report', () => {
    const d = atReview();
    d.willAnswer(submitted);
    d.press('Gửi tin');
    const exchange = d.send({ kind: 'amendment', text: 'Sửa: quán cà phê số 12' });
    expect(exchange.effects).toEqual([
      { kind: 'append_follow_up', reportId: 'report-1', text: 'Sửa: quán cà phê số 12' },
    ]);
    expect(exchange.replies[0]?.keys).toEqual(['amendment.added']);
    expect(exchange.outcome).toBe('follow_up');
  });

  it('stays at the review with an error when the submission did not go through', () => {
    const d = atReview();
    d.willAnswer({ kind: 'done' });
    const exchange = d.press('Gửi tin');
    expect(exchange.replies[0]?.keys[0]).toBe('errors.try_again');
    expect(d.state.step).toBe('tip_review');
    expect(d.state.lastReportId).toBeUndefined();
  });
});
