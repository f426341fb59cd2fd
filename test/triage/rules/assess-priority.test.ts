import { describe, expect, it } from 'vitest';
import { assessPriority } from '../../../src/triage/rules/assess-priority.ts';
import { loadTriageRules, parsePriorityRules } from '../../../src/triage/rules/load-triage-rules.ts';
import type { TriageReport } from '../../../src/triage/rules/triage-report.ts';

const rules = loadTriageRules().priority;

const tip = (description: string, extra: Partial<TriageReport> = {}): TriageReport => ({
  kind: 'crime_tip',
  category: 'theft',
  description,
  ...extra,
});

const trafficking = (extra: Partial<TriageReport> = {}): TriageReport => ({
  kind: 'trafficking',
  category: 'trafficking',
  situation: 'fake_job',
  childInvolved: 'no',
  description: 'Em gái tôi đi làm ở nước ngoài, giờ mất liên lạc',
  ...extra,
});

// Hits are written `ruleId` or `ruleId:keyword found`, in the order of the rules file.
const cases: { name: string; report: TriageReport; priority: number; hits: string[] }[] = [
  { name: 'a plain theft stays at the default', report: tip('Mất xe máy trước chợ'), priority: 3, hits: [] },
  {
    name: 'place unknown changes nothing',
    report: tip('Mất xe máy, không nhớ ở đâu', { provinceCode: null, wardCode: null }),
    priority: 3,
    hits: [],
  },
  { name: 'trafficking is at most 2', report: trafficking(), priority: 2, hits: ['trafficking'] },
  {
    name: 'trafficking with someone in danger now is 1',
    report: trafficking({ dangerNow: true, ongoing: true }),
    priority: 1,
    hits: ['danger_now', 'trafficking', 'ongoing'],
  },
  {
    name: 'trafficking of a child is 1',
    report: trafficking({ childInvolved: 'yes' }),
    priority: 1,
    hits: ['trafficking', 'trafficking_child', 'child_involved'],
  },
  {
    name: 'a child not known to be involved does not raise',
    report: trafficking({ childInvolved: 'unknown' }),
    priority: 2,
    hits: ['trafficking'],
  },
  {
    name: 'trafficking for organs is 1',
    report: trafficking({ situation: 'organ_trade' }),
    priority: 1,
    hits: ['trafficking', 'trafficking_organ_trade'],
  },
  {
    name: 'a rescue request is 1',
    report: trafficking({ helpNeeded: ['return', 'rescue'] }),
    priority: 1,
    hits: ['trafficking', 'rescue_requested'],
  },
  {
    name: 'an ongoing theft is 2',
    report: tip('Có người đang bẻ khóa xe', { ongoing: true }),
    priority: 2,
    hits: ['ongoing'],
  },
  {
    name: 'ongoing violence is 1',
    report: tip('Hai nhóm đang xô xát trước quán', { category: 'violence', ongoing: true }),
    priority: 1,
    hits: ['ongoing', 'ongoing_violence'],
  },
  {
    name: 'sexual abuse is 2 even when past',
    report: tip('Tuần trước có người sàm sỡ', { category: 'sexual_abuse' }),
    priority: 2,
    hits: ['sexual_abuse'],
  },
  {
    name: 'a gun with diacritics',
    report: tip('Hắn có súng trong nhà'),
    priority: 2,
    hits: ['weapons:có súng'],
  },
  {
    name: 'a gun typed without diacritics ("co sung")',
    report: tip('han co sung trong nha'),
    priority: 2,
    hits: ['weapons:có súng'],
  },
  {
    name: 'a knife typed without diacritics ("cam dao")',
    report: tip('thang do cam dao doa moi nguoi'),
    priority: 2,
    hits: ['weapons:cầm dao'],
  },
  {
    name: 'decomposed Unicode input',
    report: tip('Hắn cầm dao đứng trước cổng'.normalize('NFD')),
    priority: 2,
    hits: ['weapons:cầm dao'],
  },
  { name: 'upper case input', report: tip('NÓ CÓ SÚNG'), priority: 2, hits: ['weapons:có súng'] },
  {
    name: 'partly typed diacritics ("dâm" for "đâm", "chet")',
    report: tip('no dâm chet nguoi roi'),
    priority: 1,
    hits: ['threat_to_life:đâm chết'],
  },
  {
    name: 'false positive guard: "sung sướng" (happy)',
    report: tip('Tôi rất sung sướng'),
    priority: 3,
    hits: [],
  },
  {
    name: 'false positive guard: "có sung sướng" is not "có súng"',
    report: tip('nó có sung sướng gì đâu, toàn bị đòi nợ'),
    priority: 3,
    hits: [],
  },
  {
    name: 'false positive guard: "co sung suong" without diacritics',
    report: tip('no co sung suong gi dau'),
    priority: 3,
    hits: [],
  },
  {
    name: 'false positive guard: "có sưng" (is swollen) typed with diacritics',
    report: tip('Mặt cháu có sưng không thì tôi không rõ'),
    priority: 3,
    hits: [],
  },
  {
    name: 'false positive guard: "bổ sung ngắn gọn" is not "súng ngắn"',
    report: tip('Tôi bo sung ngan gon la xe mau do'),
    priority: 3,
    hits: [],
  },
  {
    name: 'false positive guard: "từ từ" / "tu tu" (slowly) is not suicide',
    report: tip('Hắn đi từ từ rồi di tu tu ra cổng'),
    priority: 3,
    hits: [],
  },
  {
    name: 'false positive guard: a lottery bet "đánh con đề" is not violence against a child',
    report: tip('Ở đầu ngõ có người ghi đánh con đề hằng ngày', { category: 'gambling' }),
    priority: 3,
    hits: [],
  },
  {
    name: 'a phrase does not span punctuation',
    report: tip('Nó có. Súng thì tôi không thấy'),
    priority: 3,
    hits: [],
  },
  {
    name: 'a simple negation is ignored',
    report: tip('Hắn không có súng, chỉ chửi bới'),
    priority: 3,
    hits: [],
  },
  {
    name: 'kidnapping without diacritics is 1',
    report: tip('con toi bi bat coc, chung doi tien chuoc'),
    priority: 1,
    hits: ['held_or_kidnapped:bắt cóc'],
  },
  {
    name: 'the old tone placement "đe doạ" matches "đe dọa"',
    report: tip('Nó đe doạ giết cả nhà tôi'),
    priority: 1,
    hits: ['threat_to_life:đe dọa giết'],
  },
  {
    name: 'suicide risk is 1',
    report: tip('Em ấy nhắn là muốn tự tử vì bị ép trả nợ', { category: 'loan_shark' }),
    priority: 1,
    hits: ['suicide_risk:muốn tự tử'],
  },
  {
    name: 'violence against a child is 1 and the child is noted',
    report: tip('Hàng xóm bạo hành trẻ em suốt', { category: 'violence' }),
    priority: 1,
    hits: ['violence_against_child:bạo hành trẻ', 'child_mentioned:trẻ em'],
  },
  {
    name: 'signs of trafficking in a crime tip',
    report: tip('Tuyển người đi Campuchia, việc nhẹ lương cao', { category: 'fraud' }),
    priority: 2,
    hits: ['trafficking_signs_in_tip:việc nhẹ lương cao'],
  },
  {
    name: 'a keyword in an amendment counts',
    report: tip('Mất trộm tiền', { amendments: ['Bổ sung: thằng đó mang dao theo'] }),
    priority: 2,
    hits: ['weapons:mang dao'],
  },
  {
    name: 'a keyword in the people text counts',
    report: tip('Cướp giật điện thoại', { peopleText: 'Hai thanh niên, một người cầm mã tấu' }),
    priority: 2,
    hits: ['weapons:mã tấu'],
  },
];

describe('assessPriority with the shipped rules', () => {
  it.each(cases)('$name → $priority', ({ report, priority, hits }) => {
    const result = assessPriority(report, rules);
    expect(result.priority).toBe(priority);
    expect(result.hits.map((h) => (h.matched === undefined ? h.ruleId : `${h.ruleId}:${h.matched}`))).toEqual(
      hits,
    );
  });

  it('records for each hit the priority its rule raises to, and no keyword for a non-keyword rule', () => {
    expect(assessPriority(trafficking({ dangerNow: true }), rules).hits).toEqual([
      { ruleId: 'danger_now', raisedTo: 1 },
      { ruleId: 'trafficking', raisedTo: 2 },
    ]);
  });
});

describe('assessPriority semantics', () => {
  const custom = parsePriorityRules({
    version: 1,
    note: 'test rules',
    default_priority: 4,
    ignore_phrases: [],
    rules: [
      {
        id: 'gambling_now',
        description_vi: 'x',
        description_en: 'x',
        when: { category_in: ['gambling'], ongoing: true },
        raise_to: 3,
      },
      {
        id: 'weapon',
        description_vi: 'x',
        description_en: 'x',
        when: { keywords_any: ['có súng'] },
        raise_to: 2,
      },
    ],
  });

  it('starts from the default priority of the file', () => {
    expect(assessPriority(tip('Đánh bạc', { category: 'gambling' }), custom).priority).toBe(4);
  });

  it('applies a rule only when all its conditions hold', () => {
    expect(assessPriority(tip('Đánh bạc', { category: 'gambling', ongoing: true }), custom)).toEqual({
      priority: 3,
      hits: [{ ruleId: 'gambling_now', raisedTo: 3 }],
    });
  });

  it('takes the highest priority of the rules that hold and keeps every hit', () => {
    const result = assessPriority(tip('Có súng', { category: 'gambling', ongoing: true }), custom);
    expect(result.priority).toBe(2);
    expect(result.hits.map((h) => h.ruleId)).toEqual(['gambling_now', 'weapon']);
  });
});
