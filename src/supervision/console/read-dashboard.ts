import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { type FigurePeriod, monthPeriod } from '../figures/figure-period.ts';
import type { FigureScope } from '../figures/figure-scope.ts';
import type { RateFigureName } from '../figures/rate-figures.ts';
import {
  countedPeriod,
  type Figures,
  inFigureSnapshot,
  readDurationsIn,
  readRatesIn,
} from '../figures/read-figures.ts';
import type { HeadlineVariant } from './dashboard-deps.ts';
import { vietnamToday } from './dashboard-query.ts';
import { readRateTrend, readUnitBreakdown, type TrendPoint, type UnitRate } from './read-unit-breakdown.ts';

/** Everything the dashboard, and the monthly PDF, show of one scope. */
export interface Dashboard {
  unitName: string;
  headline: RateFigureName;
  figures: Figures;
  units: UnitRate[];
  trend: TrendPoint[];
}

export const headlineFigure = (variant: HeadlineVariant | undefined): RateFigureName =>
  variant === 'with_suspensions' ? 'resolution_rate_with_suspensions' : 'resolution_rate';

/** The six calendar months ending with the one the period (or today, if sooner) ends in. */
export function trendMonths(period: FigurePeriod, now: Date): FigurePeriod[] {
  const last = vietnamToday(new Date(Math.min(period.to.getTime(), now.getTime()) - 1));
  const months: FigurePeriod[] = [];
  for (let back = 5; back >= 0; back--) {
    const index = last.year * 12 + (last.month - 1) - back;
    months.push(monthPeriod(Math.floor(index / 12), (index % 12) + 1));
  }
  return months;
}

/**
 * Reads the dashboard: every figure of the scope, the headline rate per child unit,
 * and its trend over six months (one more count over the six months' base).
 */
export async function readDashboard(
  pool: PgPool,
  scope: FigureScope,
  unitId: string,
  variant: HeadlineVariant | undefined,
  now: Date,
): Promise<Dashboard> {
  const headline = headlineFigure(variant);
  // Five reads at once on the pool's connections, none waiting for another's connection: the
  // rates and the times each in a snapshot of its own (a period closes with both in one, see
  // closePeriod), the split headline and its trend.
  const [names, rates, durations, breakdown, trend] = await Promise.all([
    pool.query<{ name: string }>('SELECT name FROM police_unit WHERE id = $1', [unitId]),
    inFigureSnapshot(pool, (client) => readRatesIn(client, scope, now)),
    inFigureSnapshot(pool, (client) => readDurationsIn(client, scope, now)),
    readUnitBreakdown(pool, scope, unitId, headline, now),
    readRateTrend(pool, scope, trendMonths(scope, now), headline, now),
  ]);
  const figures: Figures = { period: countedPeriod(scope, now), rates, durations };
  // A unit lead's scope is its unit alone: its children would only show empty bars.
  const units = breakdown.filter((u) => u.own || scope.units.includes(u.unitId));
  return { unitName: names.rows[0]?.name ?? unitId, headline, figures, units, trend };
}

/** The names of the units a user may choose, for the unit field. */
export async function readUnitChoices(
  pool: PgPool,
  units: readonly string[],
): Promise<{ id: string; name: string }[]> {
  const { rows } = await pool.query<{ id: string; name: string }>(
    'SELECT id, name FROM police_unit WHERE id = ANY($1::text[]) ORDER BY name, id',
    [[...units]],
  );
  return rows;
}
