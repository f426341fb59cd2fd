import { describe, expect, it } from 'vitest';
import { loadTriageRules, parseRoutingRules } from '../../../src/triage/rules/load-triage-rules.ts';
import { routeReport } from '../../../src/triage/rules/route-report.ts';
import type { TriageReport } from '../../../src/triage/rules/triage-report.ts';
import { getPoliceUnit } from '../../../src/triage/units/police-units.ts';

const rules = loadTriageRules().routing;
const options = { defaultProvinceCode: '01' };

const tip = (category: string, extra: Partial<TriageReport> = {}): TriageReport => ({
  kind: 'crime_tip',
  category,
  description: 'Sự việc được mô tả ở đây',
  ...extra,
});

const trafficking = (extra: Partial<TriageReport> = {}): TriageReport => ({
  kind: 'trafficking',
  category: 'trafficking',
  description: 'Em tôi bị giữ ở nước ngoài',
  ...extra,
});

const baDinh = { provinceCode: '01', wardCode: '00004' }; // Phường Ba Đình, Hà Nội
const goVap = { provinceCode: '79', wardCode: '26884' }; // Phường Gò Vấp, Hồ Chí Minh City
const phuQuoc = { provinceCode: '91', wardCode: '31078' }; // Đặc khu Phú Quốc, An Giang
const coordinates = { latitude: 10.762, longitude: 106.66 };

const cases: { name: string; report: TriageReport; unitId: string; reason: string }[] = [
  {
    name: 'theft in a ward → its commune unit',
    report: tip('theft', baDinh),
    unitId: 'COMM-00004',
    reason: 'commune_of_place',
  },
  {
    name: 'fraud in another province',
    report: tip('fraud', goVap),
    unitId: 'COMM-26884',
    reason: 'commune_of_place',
  },
  {
    name: 'a special zone has its own unit',
    report: tip('gambling', phuQuoc),
    unitId: 'COMM-31078',
    reason: 'commune_of_place',
  },
  {
    name: 'loan sharks stay at the commune',
    report: tip('loan_shark', goVap),
    unitId: 'COMM-26884',
    reason: 'commune_of_place',
  },
  {
    name: 'violence stays at the commune',
    report: tip('violence', goVap),
    unitId: 'COMM-26884',
    reason: 'commune_of_place',
  },
  {
    name: 'other stays at the commune',
    report: tip('other', goVap),
    unitId: 'COMM-26884',
    reason: 'commune_of_place',
  },
  {
    name: 'drugs → the provincial unit of the place',
    report: tip('drugs', goVap),
    unitId: 'PROV-79',
    reason: 'serious_category_to_province',
  },
  {
    name: 'corruption → provincial',
    report: tip('corruption', phuQuoc),
    unitId: 'PROV-91',
    reason: 'serious_category_to_province',
  },
  {
    name: 'sexual abuse → provincial',
    report: tip('sexual_abuse', baDinh),
    unitId: 'PROV-01',
    reason: 'serious_category_to_province',
  },
  {
    name: 'trafficking with a ward → provincial',
    report: trafficking({ country: 'vietnam', ...goVap }),
    unitId: 'PROV-79',
    reason: 'trafficking_to_province',
  },
  {
    name: 'trafficking with only a province → that province',
    report: trafficking({ country: 'vietnam', provinceCode: '40' }),
    unitId: 'PROV-40',
    reason: 'trafficking_to_province',
  },
  {
    name: 'trafficking abroad → the default province',
    report: trafficking({ country: 'cambodia' }),
    unitId: 'PROV-01',
    reason: 'place_abroad',
  },
  {
    name: 'trafficking in a country typed by name → the default province',
    report: trafficking({ country: 'custom:Philippines' }),
    unitId: 'PROV-01',
    reason: 'place_abroad',
  },
  {
    name: 'trafficking, place unknown → the default province',
    report: trafficking({ country: 'unknown' }),
    unitId: 'PROV-01',
    reason: 'place_unknown',
  },
  {
    name: 'a province without a ward → that province',
    report: tip('theft', { provinceCode: '79' }),
    unitId: 'PROV-79',
    reason: 'province_without_ward',
  },
  {
    name: 'place unknown → the default province',
    report: tip('theft', { provinceCode: null, wardCode: null }),
    unitId: 'PROV-01',
    reason: 'place_unknown',
  },
  {
    name: 'place unknown for a provincial category → the default province',
    report: tip('drugs'),
    unitId: 'PROV-01',
    reason: 'place_unknown',
  },
  {
    name: 'coordinates without a ward → the default province, not geocoded',
    report: tip('theft', coordinates),
    unitId: 'PROV-01',
    reason: 'coordinates_without_ward',
  },
  {
    name: 'coordinates with a ward → the ward decides',
    report: tip('theft', { ...coordinates, ...goVap }),
    unitId: 'COMM-26884',
    reason: 'commune_of_place',
  },
  {
    name: 'half a coordinate is no place',
    report: tip('theft', { latitude: 10.762, longitude: null }),
    unitId: 'PROV-01',
    reason: 'place_unknown',
  },
  {
    name: "the ward's province wins over a conflicting province code",
    report: tip('drugs', { provinceCode: '01', wardCode: '26884' }),
    unitId: 'PROV-79',
    reason: 'serious_category_to_province',
  },
  {
    name: 'a ward code not in the list falls back to the province',
    report: tip('theft', { provinceCode: '79', wardCode: '99999' }),
    unitId: 'PROV-79',
    reason: 'province_without_ward',
  },
  {
    name: 'codes not in the list → the default province',
    report: tip('theft', { provinceCode: '02', wardCode: '99999' }),
    unitId: 'PROV-01',
    reason: 'place_unknown',
  },
];

describe('routeReport with the shipped rules', () => {
  it.each(cases)('$name', ({ report, unitId, reason }) => {
    expect(routeReport(report, rules, options)).toEqual({ unitId, reason });
    expect(getPoliceUnit(unitId)).toBeDefined();
  });

  it('sends reports with no place to the configured default province', () => {
    expect(routeReport(tip('theft'), rules, { defaultProvinceCode: '79' })).toEqual({
      unitId: 'PROV-79',
      reason: 'place_unknown',
    });
  });

  it('gives every reason it can return a description in the rules file', () => {
    const described = new Set([
      ...rules.rules.map((r) => r.id),
      rules.default.id,
      ...Object.keys(rules.fallbacks),
    ]);
    for (const { reason } of cases) expect(described).toContain(reason);
  });

  it('refuses a default province code that is not in the 2025 list', () => {
    expect(() => routeReport(tip('theft'), rules, { defaultProvinceCode: '02' })).toThrow(/"02"/);
  });
});

describe('routeReport semantics', () => {
  const shipped = loadTriageRules().routing;

  it('follows the rules file: a rule added there changes the route', () => {
    const custom = parseRoutingRules({
      ...structuredClone(shipped),
      rules: [
        {
          id: 'gambling_to_province',
          description_vi: 'x',
          description_en: 'x',
          when: { category_in: ['gambling'] },
          route_to: 'province',
        },
      ],
    });
    expect(routeReport(tip('gambling', goVap), custom, options)).toEqual({
      unitId: 'PROV-79',
      reason: 'gambling_to_province',
    });
    expect(routeReport(tip('drugs', goVap), custom, options)).toEqual({
      unitId: 'COMM-26884',
      reason: 'commune_of_place',
    });
  });

  it('applies the first rule that holds', () => {
    const custom = parseRoutingRules({
      ...structuredClone(shipped),
      rules: [
        {
          id: 'first',
          description_vi: 'x',
          description_en: 'x',
          when: { kind: 'crime_tip' },
          route_to: 'commune',
        },
        {
          id: 'second',
          description_vi: 'x',
          description_en: 'x',
          when: { category_in: ['drugs'] },
          route_to: 'province',
        },
      ],
    });
    expect(routeReport(tip('drugs', goVap), custom, options)).toEqual({
      unitId: 'COMM-26884',
      reason: 'first',
    });
  });
});
