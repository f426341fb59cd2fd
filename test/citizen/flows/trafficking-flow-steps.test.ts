import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/citizen/engine/inbound-message.ts';
import { countries } from '../../../src/citizen/flows/trafficking-flow.ts';
import { traffickingSituations } from '../../../src/platform/vocabulary/report-categories.ts';
import { atTrafficking, type EngineDriver, photo, sticker } from '../../support/engine-driver.ts';

const description = 'Em gái tôi bị đưa sang Campuchia làm việc, bị giữ hộ chiếu và đánh đập.';

describe('trafficking flow', () => {
  it('shows the emergency numbers at once when someone is in danger, then goes on', () => {
    const d = atTrafficking();
    const exchange = d.press('Có');
    const [card, note, next] = exchange.replies;
    expect(card?.standalone).toBe(true);
    expect(card?.text).toContain('113');
    expect(card?.text).toContain('111');
    expect(note?.keys).toEqual(['trafficking.continue_after_emergency']);
    expect(next?.keys).toEqual(['trafficking.affected_question']);
    expect(d.state.step).toBe('tr_affected');
    expect(d.state.draft).toMatchObject({ kind: 'trafficking', dangerNow: true, ongoing: true });
  });

  it('shows no emergency card when nobody is in danger now', () => {
    const d = atTrafficking();
    const exchange = d.press('Không');
    expect(exchange.replies.map((r) => r.keys)).toEqual([['trafficking.affected_question']]);
    expect(d.state.draft).toMatchObject({ dangerNow: false, ongoing: false });
  });

  it('collects every answer of a report about someone held abroad and submits them', () => {
    const d = atTrafficking();
    d.press('Có');
    d.press('Người thân');
    d.press('Có');
    d.press('cơ sở lừa đảo');
    d.text(description);
    d.press('Campuchia');
    expect(d.state.step).toBe('tr_last_contact');
    d.press('Trong tuần này');
    d.press('Giải cứu');
    d.press('Đưa về nước');
    d.press('Xong');
    const file = photo();
    d.attach(file);
    d.press('Xong');
    d.press('Ẩn danh');
    expect(d.state.step).toBe('tr_review');

    const confirm = d.press('Gửi tin');

    expect(confirm.effects).toEqual([
      {
        kind: 'submit_report',
        language: 'vi',
        draft: {
          kind: 'trafficking',
          category: 'trafficking',
          dangerNow: true,
          ongoing: true,
          affected: 'family',
          childInvolved: 'yes',
          situation: 'scam_compound',
          description,
          country: 'cambodia',
          lastContactText: '#this_week',
          helpNeeded: ['rescue', 'return'],
          attachments: [file],
          amendments: [],
          anonymity: 'anonymous',
        },
      },
    ]);
  });

  it('asks for the province and ward when the victim is in Viet Nam', () => {
    const d = atTrafficking();
    d.press('Không');
    d.press('Bản thân');
    d.press('Không rõ');
    d.press('ép kết hôn');
    d.text(description);
    d.press('Việt Nam');
    d.location(18.67, 105.69);
    d.text('Sáng nay');
    d.press('Xong');
    d.press('Bỏ qua');
    d.press('Giữ bí mật');
    d.contact('+84912345678');
    d.press('Gửi tin');
    expect(d.pending).toMatchObject({
      kind: 'submit_report',
      draft: {
        dangerNow: false,
        affected: 'self',
        childInvolved: 'unknown',
        situation: 'forced_marriage',
        country: 'vietnam',
        latitude: 18.67,
        longitude: 105.69,
        lastContactText: 'Sáng nay',
        helpNeeded: [],
        anonymity: 'confidential',
        phone: '+84912345678',
      },
    });
  });

  it('takes a country typed by name', () => {
    const d = atTrafficking();
    d.press('Không');
    d.press('Bản thân');
    d.press('Không');
    d.press('việc làm giả');
    d.text(description);
    d.text('Hàn Quốc');
    expect(d.state.step).toBe('tr_last_contact');
    expect(d.state.draft.country).toBe('custom:Hàn Quốc');
  });

  it('offers every situation and country', () => {
    const d = atTrafficking();
    d.press('Không');
    d.press('Bản thân');
    d.press('Không');
    expect(d.question().choiceIds.slice(0, -2)).toEqual([...traffickingSituations]);
    d.press('việc làm giả');
    d.text(description);
    expect(d.question().choiceIds.slice(0, -2)).toEqual(['vietnam', ...countries, 'unknown']);
  });

  it('repeats the emergency numbers with the receipt of a report about someone in danger', () => {
    const d = atTrafficking();
    d.press('Có');
    d.press('Bản thân');
    d.press('Không');
    d.press('cưỡng bức lao động');
    d.text(description);
    d.press('Không rõ');
    d.press('Không rõ');
    d.press('Xong');
    d.press('Bỏ qua');
    d.press('Ẩn danh');
    d.willAnswer({
      kind: 'report_submitted',
      reportId: 'r-9',
      receiptCode: 'ABCD-EFGH-JKMNP',
      registerNumber: 'TB-2025-000009',
    });
    const exchange = d.press('Gửi tin');
    expect(exchange.replies.map((r) => r.keys[0])).toEqual([
      'receipt.submitted',
      'emergency.card',
      'menu.question',
    ]);
    expect(exchange.replies[0]?.keys).toContain('receipt.next_steps_trafficking');
  });
});

describe('help toggles', () => {
  function atHelp(): EngineDriver {
    const d = atTrafficking();
    d.press('Không');
    d.press('Bản thân');
    d.press('Không');
    d.press('việc làm giả');
    d.text(description);
    d.press('Campuchia');
    d.press('Hôm nay');
    expect(d.state.step).toBe('tr_help');
    return d;
  }

  it('marks a pressed kind of help as selected and asks again', () => {
    const d = atHelp();
    const exchange = d.press('Y tế');
    expect(d.state.step).toBe('tr_help');
    expect(d.state.draft.helpNeeded).toEqual(['medical']);
    expect(exchange.replies).toHaveLength(1);
    expect(exchange.replies[0]?.buttons).toContain('✅ Y tế');
    expect(exchange.replies[0]?.buttons).toContain('Pháp lý');
    expect(exchange.replies[0]?.text).toContain('Đã chọn 1 loại hỗ trợ.');
  });

  it('unselects a kind of help pressed again', () => {
    const d = atHelp();
    d.press('Y tế');
    d.press('Pháp lý');
    d.press('✅ Y tế');
    expect(d.state.draft.helpNeeded).toEqual(['legal']);
    expect(d.question().buttons).toContain('Y tế');
    expect(d.question().buttons).toContain('✅ Pháp lý');
  });

  it('selects a kind of help typed by name or number', () => {
    const d = atHelp();
    d.text('giai cuu');
    d.text('4');
    expect(d.state.draft.helpNeeded).toEqual(['rescue', 'legal']);
  });

  it('moves on with "done", keeping the selection', () => {
    const d = atHelp();
    d.press('Bảo vệ');
    d.press('Xong');
    expect(d.state.step).toBe('tr_evidence');
    expect(d.state.draft.helpNeeded).toEqual(['protection']);
  });

  it('shows the selected kinds in the review', () => {
    const d = atHelp();
    d.press('Giải cứu');
    d.press('Pháp lý');
    d.press('Xong');
    d.press('Bỏ qua');
    d.press('Ẩn danh');
    const review = d.question().text;
    expect(review).toContain('• Cần hỗ trợ: Giải cứu');
    expect(review).toContain('• Cần hỗ trợ: Pháp lý');
  });
});

type Answer = (d: EngineDriver) => unknown;
const path: [step: string, answer: Answer][] = [
  ['tr_danger', (d) => d.press('Không')],
  ['tr_affected', (d) => d.press('Bản thân')],
  ['tr_child', (d) => d.press('Không')],
  ['tr_situation', (d) => d.press('việc làm giả')],
  ['tr_description', (d) => d.text(description)],
  ['tr_where', (d) => d.press('Việt Nam')],
  ['tr_place', (d) => d.press('Chọn tỉnh/thành')],
  ['tr_province', (d) => d.text('nghe an')],
  ['tr_ward', (d) => d.press('Không rõ xã/phường')],
  ['tr_last_contact', (d) => d.press('Hôm nay')],
  ['tr_help', (d) => d.press('Xong')],
  ['tr_evidence', (d) => d.press('Bỏ qua')],
  ['tr_anonymity', (d) => d.press('Giữ bí mật')],
  ['tr_contact', (d) => d.contact('84912345678')],
  ['tr_review', (d) => d.press('Gửi tin')],
];

const typedNothing: InboundMessage = { kind: 'text', text: 'qwxz' };
const wrongAnswers: Record<string, [InboundMessage, string][]> = {
  tr_danger: [[typedNothing, 'errors.pick_a_choice']],
  tr_affected: [[typedNothing, 'errors.pick_a_choice']],
  tr_child: [[typedNothing, 'errors.pick_a_choice']],
  tr_situation: [[typedNothing, 'errors.pick_a_choice']],
  tr_description: [
    [{ kind: 'text', text: 'bị lừa' }, 'errors.too_short'],
    [{ kind: 'location', latitude: 11.5, longitude: 104.9 }, 'errors.text_expected'],
  ],
  tr_where: [[{ kind: 'text', text: 'z' }, 'errors.pick_a_choice']],
  tr_place: [[typedNothing, 'place.no_province_match']],
  tr_province: [[typedNothing, 'place.no_province_match']],
  tr_ward: [[typedNothing, 'place.no_ward_match']],
  tr_last_contact: [[{ kind: 'text', text: 'z' }, 'errors.pick_a_choice']],
  tr_help: [[typedNothing, 'errors.pick_a_choice']],
  tr_evidence: [[{ kind: 'location', latitude: 11.5, longitude: 104.9 }, 'errors.pick_a_choice']],
  tr_anonymity: [[typedNothing, 'errors.pick_a_choice']],
  tr_contact: [
    [{ kind: 'text', text: '0912' }, 'contact.invalid_phone'],
    [{ kind: 'text', text: '12345678' }, 'contact.invalid_phone'],
  ],
  tr_review: [[typedNothing, 'errors.pick_a_choice']],
};

describe('a wrong answer at each trafficking step', () => {
  const cases = path.flatMap(([step], index) => {
    const previous = index === 0 ? 'menu' : (path[index - 1]?.[0] ?? 'menu');
    const common: [InboundMessage, string][] = [
      [{ kind: 'choice', stepName: previous, choiceId: 'yes' }, 'errors.stale_button'],
      [{ kind: 'choice', stepName: step, choiceId: 'not_a_choice' }, 'errors.stale_button'],
      [{ kind: 'unsupported', what: 'poll' }, 'errors.unsupported_message'],
      [{ kind: 'attachment', attachment: sticker() }, 'evidence.sticker_declined'],
    ];
    return [...(wrongAnswers[step] ?? []), ...common].map(
      ([message, error]) => [step, index, message, error] as const,
    );
  });

  it.each(cases)('%s: %j gives %s, the same question and no change', (step, index, message, error) => {
    const d = atTrafficking();
    for (const [, answer] of path.slice(0, index)) answer(d);
    expect(d.state.step).toBe(step);
    d.expectRefused(message, error);
  });
});

describe('changing the country after going back', () => {
  it('drops the place in Viet Nam given before', () => {
    const d = atTrafficking();
    d.press('Không');
    d.press('Bản thân tôi');
    d.press('Không rõ');
    d.press('Bị lừa bằng việc làm giả');
    d.text('Tôi bị đưa sang làm việc ở một công ty không cho về nước.');
    d.press('Việt Nam');
    d.location(21.0333, 105.85);
    expect(d.state.draft.latitude).toBe(21.0333);
    d.text('quay lại');
    d.text('quay lại');
    expect(d.state.step).toBe('tr_where');
    d.press('Campuchia');
    expect(d.state.draft).toMatchObject({ country: 'cambodia' });
    expect(d.state.draft.latitude).toBeUndefined();
    expect(d.state.draft.provinceCode).toBeUndefined();
  });
});
