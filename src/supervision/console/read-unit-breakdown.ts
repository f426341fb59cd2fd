import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { type FigureScope, figureParameters, typedParameters } from '../figures/figure-scope.ts';
import { type RateFigureName, rateFigures } from '../figures/rate-figures.ts';
import type { RateFigureValue } from '../figures/read-figures.ts';

/** One rate of a unit: the unit's own reports (`own`), or a child unit's whole subtree. */
export interface UnitRate extends RateFigureValue {
  unitId: string;
  name: string;
  own: boolean;
}

const rateOf = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

/**
 * A rate figure of `unitId` split by where its reports are: the unit's own, then each child unit
 * with everything under it, children with no report included. One statement: the figure's own
 * SQL over the scope, each report credited to the child its unit is under.
 */
export async function readUnitBreakdown(
  pool: PgPool,
  scope: FigureScope,
  unitId: string,
  figure: RateFigureName,
  now: Date,
): Promise<UnitRate[]> {
  const { numerator, denominator } = rateFigures[figure];
  const { rows } = await pool.query<{ id: string; name: string; own: boolean; n: number; d: number }>(
    `${typedParameters.replace('WITH', 'WITH RECURSIVE')},
     top AS (SELECT id, name, id = $7::text AS own FROM police_unit WHERE id = $7::text OR parent_id = $7::text),
     tree AS (SELECT id, id AS top FROM top
       UNION ALL SELECT u.id, t.top FROM police_unit u JOIN tree t ON u.parent_id = t.id WHERE t.top <> $7::text)
     SELECT top.id, top.name, top.own,
       (SELECT count(*)::int FROM report r JOIN tree t ON t.id = r.unit_id
         WHERE t.top = top.id AND r.id IN (${numerator})) AS n,
       (SELECT count(*)::int FROM report r JOIN tree t ON t.id = r.unit_id
         WHERE t.top = top.id AND r.id IN (${denominator})) AS d
     FROM top ORDER BY top.own DESC, top.name, top.id`,
    [...figureParameters(scope, now), unitId],
  );
  return rows.map((r) => ({ unitId: r.id, name: r.name, own: r.own, ...rateOf(r.n, r.d) }));
}

/** One month of a trend: its first day and the rate. */
export interface TrendPoint extends RateFigureValue {
  from: Date;
}

/**
 * A rate figure over the periods given (the last six months, say), one count statement per
 * period: the same SQL as `readFigures` but only the one figure, so six months cost six small
 * counts rather than six full readings.
 */
export async function readRateTrend(
  pool: PgPool,
  scope: FigureScope,
  periods: readonly { from: Date; to: Date }[],
  figure: RateFigureName,
  now: Date,
): Promise<TrendPoint[]> {
  const { numerator, denominator } = rateFigures[figure];
  const points: TrendPoint[] = [];
  for (const period of periods) {
    const { rows } = await pool.query<{ n: number; d: number }>(
      `${typedParameters} SELECT (SELECT count(*)::int FROM (${numerator}) x) AS n,
         (SELECT count(*)::int FROM (${denominator}) x) AS d`,
      figureParameters({ ...scope, ...period }, now),
    );
    points.push({ from: period.from, ...rateOf(rows[0]?.n ?? 0, rows[0]?.d ?? 0) });
  }
  return points;
}
