import { getProvince, listWards } from '../src/citizen/places/administrative-units.ts';
import { assessPriority } from '../src/triage/rules/assess-priority.ts';
import { loadTriageRules } from '../src/triage/rules/load-triage-rules.ts';
import { routeReport } from '../src/triage/rules/route-report.ts';
import type { TriageReport } from '../src/triage/rules/triage-report.ts';

/** Where a generated report says it happened; the routing rules then choose its unit. */
export type ContentPlace = 'ward' | 'province' | 'none' | 'coordinates' | 'abroad';

/**
 * One kind of generated report as it reaches a unit: its answers, where it says it happened, and
 * what triage makes of it (priority, hits, unit level, routing reason), worked out by the real
 * triage rules. `level` is the unit that receives it: the commune of its ward, the province of its
 * ward or province, or the deployment's default province.
 */
export interface ConsoleContent {
  id: number;
  kind: 'crime_tip' | 'trafficking';
  category: string;
  description: string;
  peopleText: string | null;
  dangerNow: boolean;
  ongoing: boolean;
  occurredWhen: string | null;
  childInvolved: string | null;
  situation: string | null;
  country: string | null;
  helpNeeded: string[];
  place: ContentPlace;
  level: 'commune' | 'province' | 'default';
  priority: number;
  hits: unknown[];
  routingReason: string;
  /** Relative frequency among the contents of its level. */
  weight: number;
}

type Answers = Omit<TriageReport, 'provinceCode' | 'wardCode' | 'latitude' | 'longitude'> & {
  occurredWhen?: string;
  weight: number;
};

const tips: Answers[] = [
  {
    kind: 'crime_tip',
    category: 'theft',
    description: 'Xe máy của tôi bị lấy trộm trước cửa nhà lúc nửa đêm, có camera hàng xóm ghi lại.',
    occurredWhen: 'yesterday',
    weight: 22,
  },
  {
    kind: 'crime_tip',
    category: 'fraud',
    description: 'Có người gọi điện giả danh công an yêu cầu chuyển tiền vào tài khoản lạ.',
    occurredWhen: 'this_week',
    weight: 20,
  },
  {
    kind: 'crime_tip',
    category: 'fraud',
    description: 'Một trang bán hàng trên mạng nhận tiền đặt cọc rồi chặn liên lạc với nhiều người.',
    occurredWhen: 'earlier',
    weight: 10,
  },
  {
    kind: 'crime_tip',
    category: 'loan_shark',
    description: 'Nhóm cho vay nặng lãi đến nhà đòi nợ, ném sơn và đe dọa gia đình tôi.',
    peopleText: 'Hai thanh niên đi xe máy không biển số',
    occurredWhen: 'today',
    weight: 8,
  },
  {
    kind: 'crime_tip',
    category: 'gambling',
    description: 'Tụ tập đánh bạc ăn tiền ở quán nước đầu ngõ vào các buổi tối.',
    occurredWhen: 'this_week',
    weight: 8,
  },
  {
    kind: 'crime_tip',
    category: 'violence',
    description: 'Hai nhóm thanh niên hành hung nhau trước cổng chợ, có người bị thương.',
    occurredWhen: 'today',
    weight: 7,
  },
  {
    kind: 'crime_tip',
    category: 'violence',
    description: 'Hàng xóm có tiếng cãi nhau và bạo lực gia đình nhiều đêm liền.',
    ongoing: true,
    occurredWhen: 'now',
    weight: 4,
  },
  {
    kind: 'crime_tip',
    category: 'violence',
    description: 'Một người cầm dao đuổi đánh người khác ngoài đường, đang rất nguy hiểm.',
    dangerNow: true,
    ongoing: true,
    occurredWhen: 'now',
    weight: 2,
  },
  {
    kind: 'crime_tip',
    category: 'other',
    description: 'Có người lạ đứng trước cổng trường học sinh mỗi chiều, tôi thấy đáng ngờ.',
    occurredWhen: 'this_week',
    weight: 6,
  },
  {
    kind: 'crime_tip',
    category: 'other',
    description: 'Xe tải đổ trộm phế thải xây dựng ra bờ sông vào ban đêm.',
    occurredWhen: 'earlier',
    weight: 5,
  },
];

const serious: Answers[] = [
  {
    kind: 'crime_tip',
    category: 'drugs',
    description: 'Một căn nhà trong hẻm có nhiều người lạ ra vào, nghi mua bán ma túy.',
    occurredWhen: 'this_week',
    weight: 30,
  },
  {
    kind: 'crime_tip',
    category: 'corruption',
    description: 'Cán bộ địa chính yêu cầu nộp thêm tiền ngoài quy định để được cấp giấy.',
    occurredWhen: 'earlier',
    weight: 12,
  },
  {
    kind: 'crime_tip',
    category: 'sexual_abuse',
    description: 'Một người đàn ông có hành vi sàm sỡ bé gái ở khu trọ.',
    occurredWhen: 'yesterday',
    weight: 8,
  },
  {
    kind: 'trafficking',
    category: 'trafficking',
    description: 'Em gái tôi đi làm việc nhẹ lương cao bên kia biên giới, nay bị giữ hộ chiếu.',
    situation: 'fake_job',
    childInvolved: 'no',
    country: 'cambodia',
    helpNeeded: ['return', 'legal'],
    weight: 10,
  },
  {
    kind: 'trafficking',
    category: 'trafficking',
    description: 'Con tôi 16 tuổi bị lừa sang nước ngoài, gọi về nói bị nhốt trong khu nhà.',
    situation: 'scam_compound',
    childInvolved: 'yes',
    country: 'myanmar',
    helpNeeded: ['rescue', 'return'],
    weight: 4,
  },
];

function triageReportOf(answers: Answers): TriageReport {
  return {
    kind: answers.kind,
    category: answers.category,
    description: answers.description,
    peopleText: answers.peopleText ?? null,
    dangerNow: answers.dangerNow ?? false,
    ongoing: answers.ongoing ?? false,
    childInvolved: answers.childInvolved ?? null,
    situation: answers.situation ?? null,
    helpNeeded: answers.helpNeeded ?? [],
    country: answers.country ?? null,
  };
}

/**
 * The generator's report kinds with their triage worked out by the project's own rules (priority,
 * hits, routing reason), each at a sample place of its kind; the generator gives each report a
 * real ward or province of its unit, which the same rules route to that unit.
 */
export function consoleReportContents(defaultProvinceCode: string): ConsoleContent[] {
  const rules = loadTriageRules();
  const province = getProvince(defaultProvinceCode);
  const ward = listWards(defaultProvinceCode)[0];
  if (!province || !ward) throw new Error(`no province ${defaultProvinceCode} or no ward in it`);
  const places: Record<ContentPlace, Partial<TriageReport>> = {
    ward: { wardCode: ward.code, provinceCode: province.code },
    province: { provinceCode: province.code },
    none: {},
    coordinates: { latitude: 21.03, longitude: 105.85 },
    abroad: {},
  };
  const contents: ConsoleContent[] = [];
  const add = (answers: Answers, place: ContentPlace, weight: number) => {
    const report = { ...triageReportOf(answers), ...places[place] };
    if (place === 'abroad' && answers.kind !== 'trafficking') return;
    if (place !== 'abroad' && answers.kind === 'trafficking') report.country = 'vietnam';
    const priority = assessPriority(report, rules.priority);
    const routing = routeReport(report, rules.routing, { defaultProvinceCode });
    const level =
      routing.unitId === `COMM-${ward.code}`
        ? 'commune'
        : place === 'ward' || place === 'province'
          ? 'province'
          : 'default';
    contents.push({
      id: contents.length + 1,
      kind: answers.kind,
      category: answers.category,
      description: answers.description,
      peopleText: answers.peopleText ?? null,
      dangerNow: answers.dangerNow ?? false,
      ongoing: answers.ongoing ?? false,
      occurredWhen: answers.occurredWhen ?? null,
      childInvolved: answers.childInvolved ?? null,
      situation: answers.situation ?? null,
      country: report.country ?? null,
      helpNeeded: [...(answers.helpNeeded ?? [])],
      place,
      level,
      priority: priority.priority,
      hits: priority.hits,
      routingReason: routing.reason,
      weight,
    });
  };
  // Commune units: everyday tips with a ward. Provincial units: the serious ones from any of their
  // wards, and tips that name only the province. The default province also takes what has no place.
  for (const tip of tips) add(tip, 'ward', tip.weight * 10);
  for (const report of serious) add(report, 'ward', report.weight * 8);
  for (const report of serious) add(report, 'province', report.weight * 2);
  for (const tip of tips) add(tip, 'province', tip.weight);
  for (const report of [...tips, ...serious]) {
    add(report, 'none', report.weight);
    add(report, 'coordinates', Math.ceil(report.weight / 3));
    add(report, 'abroad', report.weight * 2);
  }
  return contents;
}
