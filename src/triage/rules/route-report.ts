import { getProvince, getWard } from '../../citizen/places/administrative-units.ts';
import { communeUnitId, provinceUnitId } from '../units/police-units.ts';
import type { RoutingFallback, RoutingRule, RoutingRules } from './load-triage-rules.ts';
import type { TriageReport } from './triage-report.ts';

export interface RouteOptions {
  /** The province whose police receive reports with no usable place (deployment configuration). */
  defaultProvinceCode: string;
}

export interface Routing {
  /** A unit of `listPoliceUnits()`: `PROV-<province code>` or `COMM-<ward code>`. */
  unitId: string;
  /**
   * What decided the unit: the id of the routing rule or of the default, or, when the place alone
   * decided it, a fallback name (`province_without_ward`, `coordinates_without_ward`,
   * `place_abroad`, `place_unknown`). Each has its description in routing-rules.json.
   */
  reason: string;
}

function holds(rule: RoutingRule, report: TriageReport): boolean {
  const when = rule.when;
  if (when.kind !== undefined && report.kind !== when.kind) return false;
  if (when.category_in !== undefined && !when.category_in.some((c) => c === report.category)) return false;
  return true;
}

function fallbackFor(report: TriageReport): RoutingFallback {
  // No reverse geocoding: a shared location without a ward picked is not mapped to one.
  if (typeof report.latitude === 'number' && typeof report.longitude === 'number')
    return 'coordinates_without_ward';
  const country = report.country ?? 'unknown';
  if (country !== 'vietnam' && country !== 'unknown') return 'place_abroad';
  return 'place_unknown';
}

/**
 * The police unit that receives a report. The first routing rule that holds (or the default)
 * chooses the level; the place chooses the unit: a known ward → its commune unit, or its
 * province's unit when the level is provincial (the ward's province wins over a conflicting
 * province code); a known province without a ward → that province's unit; anything else (only
 * coordinates, abroad, nothing, codes not in the 2025 list) → the default province's unit. Pure;
 * throws a RangeError when the default province code is not in the list. Example:
 * `routeReport({ kind: 'crime_tip', category: 'theft', description, wardCode: '00004' }, rules,
 * { defaultProvinceCode: '01' })` → `{ unitId: 'COMM-00004', reason: 'commune_of_place' }`.
 */
export function routeReport(report: TriageReport, rules: RoutingRules, options: RouteOptions): Routing {
  if (getProvince(options.defaultProvinceCode) === undefined)
    throw new RangeError(
      `the default province code ${JSON.stringify(options.defaultProvinceCode)} is not in the 2025 list`,
    );
  const chosen = rules.rules.find((rule) => holds(rule, report)) ?? rules.default;

  const ward = report.wardCode ? getWard(report.wardCode) : undefined;
  if (ward !== undefined)
    return {
      unitId: chosen.route_to === 'commune' ? communeUnitId(ward.code) : provinceUnitId(ward.provinceCode),
      reason: chosen.id,
    };

  const province = report.provinceCode ? getProvince(report.provinceCode) : undefined;
  if (province !== undefined)
    return {
      unitId: provinceUnitId(province.code),
      reason: chosen.route_to === 'province' ? chosen.id : 'province_without_ward',
    };

  return { unitId: provinceUnitId(options.defaultProvinceCode), reason: fallbackFor(report) };
}
