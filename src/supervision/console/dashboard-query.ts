import type { Channel } from '../../platform/vocabulary/channel.ts';
import { crimeCategories } from '../../platform/vocabulary/report-categories.ts';
import {
  customPeriod,
  type FigurePeriod,
  monthPeriod,
  quarterPeriod,
  yearPeriod,
} from '../figures/figure-period.ts';
import type { FigureFilters, ReportKind } from '../figures/figure-scope.ts';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

/** The dashboard's filters as the form sends them, checked, with the period they name. */
export interface DashboardQuery {
  unitId: string;
  kind: PeriodKind;
  year: number;
  month: number;
  quarter: number;
  from: string;
  to: string;
  period: FigurePeriod;
  filters: FigureFilters;
}

const channels: readonly Channel[] = ['telegram', 'zalo_oa', 'zalo_bot', 'web'];
const kinds: readonly ReportKind[] = ['crime_tip', 'trafficking'];
/** A trafficking report is filed under its own category beside the crime ones. */
export const figureCategories: readonly string[] = [...crimeCategories, 'trafficking'];
export const figureChannels = channels;
export const figureKinds = kinds;

/** Today's year, month and day in Vietnam (UTC+7 all year). */
export function vietnamToday(now: Date): { year: number; month: number; day: string } {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.toISOString().slice(0, 10),
  };
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function whole(value: unknown, fallback: number): number {
  const given = text(value);
  return given === undefined ? fallback : /^\d{1,4}$/.test(given) ? Number(given) : Number.NaN;
}

/**
 * Reads the filters of a dashboard address; absent ones default to the user's unit and the current
 * month. Null when one is malformed (a month 13, an unknown channel, a custom period backwards).
 */
export function parseDashboardQuery(
  query: Record<string, unknown>,
  defaultUnit: string,
  now: Date,
): DashboardQuery | null {
  const today = vietnamToday(now);
  const kind = (text(query.period) ?? 'month') as PeriodKind;
  const year = whole(query.year, today.year);
  const month = whole(query.month, today.month);
  const quarter = whole(query.quarter, Math.ceil(today.month / 3));
  const from = text(query.from) ?? `${today.day.slice(0, 8)}01`;
  const to = text(query.to) ?? today.day;
  const category = text(query.category);
  const channel = text(query.channel) as Channel | undefined;
  const reportKind = text(query.kind) as ReportKind | undefined;
  if (category !== undefined && !figureCategories.includes(category)) return null;
  if (channel !== undefined && !channels.includes(channel)) return null;
  if (reportKind !== undefined && !kinds.includes(reportKind)) return null;
  let period: FigurePeriod;
  try {
    if (kind === 'month') period = monthPeriod(year, month);
    else if (kind === 'quarter') period = quarterPeriod(year, quarter);
    else if (kind === 'year') period = yearPeriod(year);
    else if (kind === 'custom') period = customPeriod(from, to);
    else return null;
  } catch {
    return null;
  }
  return {
    unitId: text(query.unit) ?? defaultUnit,
    kind,
    year,
    month,
    quarter,
    from,
    to,
    period,
    filters: { category, channel, kind: reportKind },
  };
}

/** The query string that names the same scope (for links to the drill-down and the exports). */
export function dashboardSearch(query: DashboardQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ unit: query.unitId, period: query.kind });
  if (query.kind === 'custom') {
    params.set('from', query.from);
    params.set('to', query.to);
  } else {
    params.set('year', String(query.year));
    if (query.kind === 'month') params.set('month', String(query.month));
    if (query.kind === 'quarter') params.set('quarter', String(query.quarter));
  }
  for (const [key, value] of Object.entries(query.filters)) if (value) params.set(key, value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
