import { inScopeSql } from './figure-scope.ts';

/**
 * The time figures as data: which reports (`where`, a condition on `report r` over the same six
 * parameters as the rate figures; `population` the same as a `SELECT r.id` statement) and how
 * long each took (`duration`, an interval over `r`). A report counts in the period its step was
 * taken in, so a month's time to decide covers the decisions of that month, however old the
 * reports were. Both clocks start at receipt (`submitted_at`), as the legal limits do (Art. 147).
 */
export interface DurationFigure {
  where: string;
  duration: string;
  population: string;
}

function durationFigure(where: string, duration: string): DurationFigure {
  return { where, duration, population: `SELECT r.id FROM report r WHERE ${where}` };
}

export const durationFigures = {
  /** From receipt to thụ lý, for the reports accepted in the period. */
  time_to_accept: durationFigure(
    `${inScopeSql} AND r.accepted_at >= $2::timestamptz AND r.accepted_at < $3::timestamptz`,
    'r.accepted_at - r.submitted_at',
  ),
  /**
   * From receipt to the decision, for the reports decided in the period (transfers excluded). Only
   * an accepted report is decided; saying so lets the partial index (unit, decided_at) find them.
   */
  time_to_decide: durationFigure(
    `${inScopeSql} AND r.accepted_at IS NOT NULL AND r.transferred_at IS NULL
  AND r.decided_at >= $2::timestamptz AND r.decided_at < $3::timestamptz`,
    'r.decided_at - r.submitted_at',
  ),
} as const satisfies Record<string, DurationFigure>;

export type DurationFigureName = keyof typeof durationFigures;

export const durationFigureNames = Object.keys(durationFigures) as DurationFigureName[];

/**
 * The statement that sums one time figure up in one pass over its reports: how many, the median
 * and the 90th percentile in days (`percentile_disc`: a time one of the reports really took, so an
 * auditor can find it), and the count in each whole day since receipt (day 0 = under 24 hours).
 * It follows `typedParameters` as a further CTE: `${typedParameters}, ${durationSummarySql(f)}`.
 */
export function durationSummarySql(figure: DurationFigure): string {
  return `took AS MATERIALIZED (SELECT ${figure.duration} AS took FROM report r WHERE ${figure.where})
  SELECT count(*)::int AS count,
    extract(epoch FROM percentile_disc(0.5) WITHIN GROUP (ORDER BY took.took)) / 86400 AS p50_days,
    extract(epoch FROM percentile_disc(0.9) WITHIN GROUP (ORDER BY took.took)) / 86400 AS p90_days,
    COALESCE((SELECT json_agg(json_build_array(h.day, h.n) ORDER BY h.day) FROM (
      SELECT floor(extract(epoch FROM x.took) / 86400)::int AS day, count(*)::int AS n
      FROM took x GROUP BY 1) h), '[]') AS histogram
  FROM took`;
}
