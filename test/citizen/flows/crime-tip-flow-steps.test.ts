import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/citizen/engine/inbound-message.ts';
import { translate } from '../../../src/platform/text/translate.ts';
import { crimeCategories } from '../../../src/platform/vocabulary/report-categories.ts';
import { atCrimeTip, type EngineDriver, photo, sticker } from '../../support/engine-driver.ts';

const description = 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.';

describe('crime tip flow', () => {
  it('collects every answer and submits them as one draft', () => {
    const d = atCrimeTip();
    expect(d.state.step).toBe('tip_category');
    expect(d.question().text).toBe('Bạn muốn tố giác loại tội phạm nào?');
    d.press('Ma túy');
    d.text(description);
    d.press('Hôm nay');
    d.press('Chọn tỉnh/thành');
    d.text('ha noi');
    expect(d.state.step).toBe('tip_ward');
    d.text('ba dinh');
    d.text('Một thanh niên đi xe máy biển 29A1-12345');
    const first = photo();
    d.attach(first, { caption: 'Ảnh chụp lúc 21h' });
    d.press('Xong');
    d.press('Giữ bí mật');
    d.contact('84912345678');
    expect(d.state.step).toBe('tip_review');

    const confirm = d.press('Gửi tin');

    expect(confirm.effects).toHaveLength(1);
    expect(confirm.pending).toEqual({
      kind: 'submit_report',
      language: 'vi',
      draft: {
        kind: 'crime_tip',
        category: 'drugs',
        description,
        amendments: ['Ảnh chụp lúc 21h'],
        occurredWhen: 'today',
        ongoing: false,
        provinceCode: '01',
        wardCode: '00004',
        placeUnknown: false,
        peopleText: 'Một thanh niên đi xe máy biển 29A1-12345',
        attachments: [first],
        anonymity: 'confidential',
        phone: '+84912345678',
        helpNeeded: [],
      },
    });
  });

  it('marks a tip about something happening now as ongoing', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.text(description);
    d.press('Đang xảy ra');
    expect(d.state.draft).toMatchObject({ occurredWhen: 'now', ongoing: true });
  });

  it('keeps a typed time instead of a choice', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.text(description);
    d.text('21h tối 20/11');
    expect(d.state.step).toBe('tip_place');
    expect(d.state.draft.occurredText).toBe('21h tối 20/11');
    expect(d.state.draft.occurredWhen).toBeUndefined();
  });

  it('replaces a typed time with a choice made after going back', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.text(description);
    d.text('21h tối 20/11');
    d.text('quay lai');
    d.press('Hôm qua');
    expect(d.state.draft.occurredWhen).toBe('yesterday');
    expect(d.state.draft.occurredText).toBeUndefined();
  });

  it('lets the people question be skipped', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.text(description);
    d.press('Hôm nay');
    d.press('Không rõ');
    expect(d.state.step).toBe('tip_people');
    d.press('Bỏ qua');
    expect(d.state.step).toBe('tip_evidence');
    expect(d.state.draft.peopleText).toBeUndefined();
  });

  it('takes the typed label of the skip button as skipping, not as an answer', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    d.text(description);
    d.press('Hôm nay');
    d.press('Không rõ');
    d.text('bo qua');
    expect(d.state.step).toBe('tip_evidence');
    expect(d.state.draft.peopleText).toBeUndefined();
  });

  it('offers every crime category as a button', () => {
    const d = atCrimeTip();
    expect(d.question().choiceIds).toEqual([...crimeCategories, 'nav_back', 'nav_cancel']);
    expect(d.question().buttons).toContain('Tín dụng đen');
  });
});

describe('typed answers to the category question', () => {
  it.each([
    ['2', 'theft'],
    ['ma tuy', 'drugs'],
    ['MA TUY', 'drugs'],
    ['Ma tu\u0301y', 'drugs'],
    ['Ti\u0301n du\u0323ng đen', 'loan_shark'],
    ['tin dung den', 'loan_shark'],
    ['9', 'other'],
    ['co bac', 'gambling'],
  ])('reads %j as %s', (typed, category) => {
    const d = atCrimeTip();
    d.text(typed);
    expect(d.state.step).toBe('tip_description');
    expect(d.state.draft.category).toBe(category);
  });

  it('reads English labels in an English conversation', () => {
    const d = atCrimeTip({ language: 'en' });
    d.text('loan sharks');
    expect(d.state.draft.category).toBe('loan_shark');
  });
});

/** How each step is answered correctly, in order; reaching step i replays the answers before it. */
type Answer = (d: EngineDriver) => unknown;
const tipPath: [step: string, answer: Answer][] = [
  ['tip_category', (d) => d.press('Ma túy')],
  ['tip_description', (d) => d.text(description)],
  ['tip_when', (d) => d.press('Hôm nay')],
  ['tip_place', (d) => d.press('Chọn tỉnh/thành')],
  ['tip_province', (d) => d.text('ha noi')],
  ['tip_ward', (d) => d.text('ba dinh')],
  ['tip_people', (d) => d.press('Bỏ qua')],
  ['tip_evidence', (d) => d.press('Bỏ qua')],
  ['tip_anonymity', (d) => d.press('Giữ bí mật')],
  ['tip_contact', (d) => d.text('0912345678')],
  ['tip_review', (d) => d.press('Gửi tin')],
];

const typedNothing = { kind: 'text', text: 'qwxz' } as const;
const unsupported: InboundMessage = { kind: 'unsupported', what: 'poll' };
const wrongAnswers: Record<string, [InboundMessage, string][]> = {
  tip_category: [
    [typedNothing, 'errors.pick_a_choice'],
    [{ kind: 'text', text: '12' }, 'errors.pick_a_choice'],
  ],
  tip_description: [
    [{ kind: 'text', text: 'ngắn quá' }, 'errors.too_short'],
    [{ kind: 'location', latitude: 21, longitude: 105 }, 'errors.text_expected'],
  ],
  tip_when: [[{ kind: 'text', text: 'z' }, 'errors.pick_a_choice']],
  tip_place: [
    [typedNothing, 'place.no_province_match'],
    [{ kind: 'location', latitude: 91, longitude: 105 }, 'place.bad_location'],
  ],
  tip_province: [[typedNothing, 'place.no_province_match']],
  tip_ward: [[typedNothing, 'place.no_ward_match']],
  tip_people: [[{ kind: 'text', text: 'x' }, 'errors.too_short']],
  tip_evidence: [[{ kind: 'location', latitude: 21, longitude: 105 }, 'errors.pick_a_choice']],
  tip_anonymity: [[typedNothing, 'errors.pick_a_choice']],
  tip_contact: [
    [{ kind: 'text', text: '12345' }, 'contact.invalid_phone'],
    [{ kind: 'text', text: '0212345678' }, 'contact.invalid_phone'],
    [{ kind: 'contact', phone: '12345', isOwn: true }, 'contact.invalid_phone'],
  ],
  tip_review: [[typedNothing, 'errors.pick_a_choice']],
};

describe('a wrong answer at each crime-tip step', () => {
  const cases = tipPath.flatMap(([step], index) => {
    const previous = index === 0 ? 'menu' : (tipPath[index - 1]?.[0] ?? 'menu');
    const common: [InboundMessage, string][] = [
      [{ kind: 'choice', stepName: previous, choiceId: 'x' }, 'errors.stale_button'],
      [{ kind: 'choice', stepName: step, choiceId: 'not_a_choice' }, 'errors.stale_button'],
      [unsupported, 'errors.unsupported_message'],
      [{ kind: 'attachment', attachment: sticker() }, 'evidence.sticker_declined'],
    ];
    return [...(wrongAnswers[step] ?? []), ...common].map(
      ([message, error]) => [step, index, message, error] as const,
    );
  });

  it.each(cases)('%s: %j gives %s, the same question and no change', (step, index, message, error) => {
    const d = atCrimeTip();
    for (const [, answer] of tipPath.slice(0, index)) answer(d);
    expect(d.state.step).toBe(step);
    d.expectRefused(message, error);
  });

  it('shows the length limit in the too-short error', () => {
    const d = atCrimeTip();
    d.press('Ma túy');
    const exchange = d.text('ngắn quá');
    expect(exchange.text).toContain(translate('vi', { key: 'errors.too_short', params: { limit: '10' } }));
  });
});
