import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { type FigureScope, figureParameters, typedParameters } from '../figures/figure-scope.ts';
import { figureBases, type RateFigureName, rateFigures } from '../figures/rate-figures.ts';
import { inFigureSnapshot, type RateFigureValue, rateValue } from '../figures/read-figures.ts';

/** One rate of a unit: the unit's own reports (`own`), or a child unit's whole subtree. */
export interface UnitRate extends RateFigureValue {
  unitId: string;
  name: string;
  own: boolean;
}

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
  const { base, numeratorWhere, denominatorWhere } = rateFigures[figure];
  const { rows } = await inFigureSnapshot(pool, (client) =>
    client.query<{ id: string; name: string; own: boolean; n: number; d: number }>(
      `${typedParameters.replace('WITH', 'WITH RECURSIVE')},
     top AS (SELECT id, name, id = $7::text AS own FROM police_unit WHERE id = $7::text OR parent_id = $7::text),
     tree AS (SELECT id, id AS top FROM top
       UNION ALL SELECT u.id, t.top FROM police_unit u JOIN tree t ON u.parent_id = t.id WHERE t.top <> $7::text),
     counted AS (SELECT t.top, count(*) FILTER (WHERE ${numeratorWhere})::int AS n,
         count(*) FILTER (WHERE ${denominatorWhere})::int AS d
       FROM report r JOIN tree t ON t.id = r.unit_id WHERE ${figureBases[base]} GROUP BY t.top)
     SELECT top.id, top.name, top.own, COALESCE(c.n, 0) AS n, COALESCE(c.d, 0) AS d
     FROM top LEFT JOIN counted c ON c.top = top.id ORDER BY top.own DESC, top.name, top.id`,
      [...figureParameters(scope, now), unitId],
    ),
  );
  return rows.map((r) => ({ unitId: r.id, name: r.name, own: r.own, ...rateValue(r.n, r.d) }));
}

/** One month of a trend: its first day and the rate. */
export interface TrendPoint extends RateFigureValue {
  from: Date;
}

/** A figure's condition with the period's bounds ($2, $3) moved to the parameters `from` and `to`. */
function atPeriod(sql: string, from: number, to: number): string {
  const moved = sql
    .replaceAll('$2::timestamptz', `$${from}::timestamptz`)
    .replaceAll('$3::timestamptz', `$${to}::timestamptz`);
  if (/\$[23](?!\d)/.test(moved)) throw new Error('a figure names its period without ::timestamptz');
  return moved;
}

/**
 * A rate figure over the periods given (the last six months, say), in one pass: the figure's base
 * from the first period's start to the last one's end holds every period's base, and each
 * period's numerator and denominator are counted within it with that period's bounds.
 */
export async function readRateTrend(
  pool: PgPool,
  scope: FigureScope,
  periods: readonly { from: Date; to: Date }[],
  figure: RateFigureName,
  now: Date,
): Promise<TrendPoint[]> {
  const first = periods[0];
  const last = periods.at(-1);
  if (!first || !last) return [];
  const { base, numeratorWhere, denominatorWhere } = rateFigures[figure];
  const bounds: Date[] = [];
  const columns = periods.flatMap((period, i) => {
    const end = period.to < now ? period.to : now;
    bounds.push(period.from, end);
    const inPeriod = (where: string) => atPeriod(`${figureBases[base]} AND (${where})`, 7 + 2 * i, 8 + 2 * i);
    return [
      `count(*) FILTER (WHERE ${inPeriod(numeratorWhere)})::int AS "n${i}"`,
      `count(*) FILTER (WHERE ${inPeriod(denominatorWhere)})::int AS "d${i}"`,
    ];
  });
  const { rows } = await inFigureSnapshot(pool, (client) =>
    client.query<Record<string, number>>(
      `${typedParameters} SELECT ${columns.join(',\n')} FROM report r WHERE ${figureBases[base]}`,
      [...figureParameters({ ...scope, from: first.from, to: last.to }, now), ...bounds],
    ),
  );
  const counts = rows[0] ?? {};
  return periods.map((period, i) => ({
    from: period.from,
    ...rateValue(counts[`n${i}`] ?? 0, counts[`d${i}`] ?? 0),
  }));
}
