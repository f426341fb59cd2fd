import { inScopeSql } from './figure-scope.ts';

/**
 * The reports a rate figure is counted among, over the six parameters of `figureParameters`
 * ($1 units, $2 period start, $3 period end, $4 category, $5 channel, $6 kind), as a condition on
 * `report r`. Every figure's numerator and denominator lie within one base, so the dashboard
 * counts all the figures of a base in one pass over it (`count(*) FILTER (WHERE …)`).
 */
export const figureBases = {
  /** Submitted in the period: the intake figures. */
  submitted: `${inScopeSql} AND r.submitted_at >= $2::timestamptz AND r.submitted_at < $3::timestamptz`,
  /**
   * To resolve: thụ lý before the period's end, not handed to another body, and not decided
   * before the period's start (accepted in it, or carried over unresolved). A transfer is decided
   * at classification, before any acceptance, so the second condition only guards the rule.
   * Written with COALESCE so that one partial index (unit, decision time) finds it.
   */
  to_resolve: `${inScopeSql} AND r.accepted_at < $3::timestamptz AND r.transferred_at IS NULL
  AND COALESCE(r.decided_at, 'infinity'::timestamptz) >= $2::timestamptz`,
} as const;

export type FigureBase = keyof typeof figureBases;

/**
 * A supervision figure as data: its base and the conditions on `r`, within the base, of the
 * reports above the line and below it; `numerator` and `denominator` are the same as whole
 * statements (`SELECT r.id FROM report r WHERE …`), which the drill-down lists and a closed
 * period hashes. docs/audit.md writes the same conditions with literal values. Facts are read as
 * they stand when the figure is read: a tip classified after the period's end still counts as
 * classified.
 */
export interface RateFigure {
  base: FigureBase;
  numeratorWhere: string;
  denominatorWhere: string;
  numerator: string;
  denominator: string;
}

function rateFigure(base: FigureBase, numeratorWhere: string, denominatorWhere = 'TRUE'): RateFigure {
  const list = (where: string) => `SELECT r.id FROM report r WHERE ${figureBases[base]} AND (${where})`;
  return {
    base,
    numeratorWhere,
    denominatorWhere,
    numerator: list(numeratorWhere),
    denominator: list(denominatorWhere),
  };
}

const decidedInPeriod = `r.decided_at >= $2::timestamptz AND r.decided_at < $3::timestamptz`;

/** Not decided when the period ended (a suspended report is still unresolved here). */
const unresolvedAtEnd = `COALESCE(r.decided_at, 'infinity'::timestamptz) >= $3::timestamptz`;

const trafficking = `r.kind = 'trafficking'`;

/**
 * The register years in which the numbers of the scope's reports of the period have no gap: every
 * number from the one before their lowest to their highest exists (numbers are unique, so a count
 * of that stretch of the register's index shows it), and none is below 1 (such a number has no
 * number before it). Uncorrelated: counted once a statement.
 */
const gaplessRegisterStretches = `SELECT b.register, b.register_year FROM (
      SELECT r.register, r.register_year, greatest(min(r.register_seq) - 1, 1) AS lo, max(r.register_seq) AS hi
      FROM report r WHERE ${figureBases.submitted} GROUP BY 1, 2 HAVING min(r.register_seq) >= 1) b
    WHERE (SELECT count(*) FROM report y WHERE y.register = b.register AND y.register_year = b.register_year
      AND y.register_seq BETWEEN b.lo AND b.hi) = b.hi - b.lo + 1`;

export const rateFigures = {
  /** Of the reports submitted in the period, those classified within 24 hours of submission. */
  classified_within_24h: rateFigure('submitted', `r.classified_at <= r.submitted_at + interval '24 hours'`),
  /**
   * Of the reports submitted in the period, those whose written receipt notice reached the reporter
   * by its limit: queued to the chat (`sent_at`) or, with the chat's window closed, shown at a
   * status check (`shown_at`).
   */
  receipt_notice_on_time: rateFigure(
    'submitted',
    `EXISTS (SELECT 1 FROM report_notice n
      WHERE n.report_id = r.id AND n.recipient = 'reporter' AND n.kind = 'receipt'
        AND COALESCE(n.sent_at, n.shown_at) <= r.receipt_notice_due_at)`,
  ),
  /**
   * The procuracy's rate, strict: decided (khởi tố, không khởi tố, administrative handling, all of
   * which set `decided_at`) in the period ÷ to resolve (accepted in the period + carried over
   * unresolved). Transfers are excluded; an administrative classification is never accepted, so
   * it is in neither.
   */
  resolution_rate: rateFigure('to_resolve', decidedInPeriod),
  /**
   * The same with tạm đình chỉ counted as resolved: a suspension in the period resolves, and a
   * report suspended before the period and not resumed (after its latest suspension) before the
   * period's end is neither to resolve nor resolved. A suspended report is not decided until it is
   * resumed, so a suspension in the period lies in the base. Earlier suspension cycles of a report
   * suspended twice are only in report_event; the latest one is read.
   */
  resolution_rate_with_suspensions: rateFigure(
    'to_resolve',
    `${decidedInPeriod} OR (r.suspended_at >= $2::timestamptz AND r.suspended_at < $3::timestamptz)`,
    `r.suspended_at IS NULL OR r.suspended_at >= $2::timestamptz
    OR (r.resumed_at > r.suspended_at AND r.resumed_at < $3::timestamptz)`,
  ),
  /**
   * Unresolved at the period's end (strict) whose decision limit had passed by then. The limit is
   * the one standing now: a decision or a suspension clears it (a suspension stops the clock,
   * Art. 148), so a report decided after the period's end is not counted overdue in it.
   */
  overdue_rate: rateFigure(
    'to_resolve',
    `${unresolvedAtEnd} AND r.decision_due_at < $3::timestamptz`,
    unresolvedAtEnd,
  ),
  /** Of the trafficking reports submitted in the period, those classified (target 100%). */
  trafficking_classified: rateFigure(
    'submitted',
    `${trafficking} AND r.classified_at IS NOT NULL`,
    trafficking,
  ),
  /**
   * Of the trafficking reports submitted in the period, those handled: the victim's initial
   * verification recorded, the victim track moved past it, or the case decided.
   */
  trafficking_handled: rateFigure(
    'submitted',
    `${trafficking} AND (r.victim_verification_outcome IS NOT NULL
    OR r.victim_track_status IN ('support_referred', 'protection_requested', 'protection_decided')
    OR r.decided_at IS NOT NULL)`,
    trafficking,
  ),
  /**
   * Of the reports submitted in the period, those fully accounted for: the register number before
   * theirs exists (no gap: numbers are gapless per register and year, so a missing one is a
   * deleted tip), and classified (accepted and transferred ones are) or still within 24 hours.
   * The register part is looked up report by report, as docs/audit.md says (the number before
   * exists), only where the stretch of the register the scope's reports span has a gap: one count
   * of that stretch shows there is none, for far less than a look-up per report.
   */
  intake_completeness: rateFigure(
    'submitted',
    `(r.register_seq = 1 OR (r.register, r.register_year) IN (${gaplessRegisterStretches})
    OR EXISTS (SELECT 1 FROM report p
      WHERE p.register = r.register AND p.register_year = r.register_year AND p.register_seq = r.register_seq - 1))
  AND (r.classified_at IS NOT NULL OR r.submitted_at > now() - interval '24 hours')`,
  ),
} as const satisfies Record<string, RateFigure>;

export type RateFigureName = keyof typeof rateFigures;

export const rateFigureNames = Object.keys(rateFigures) as RateFigureName[];

/**
 * The statement counting the given figures of one base in one pass: a row with `<name>:n` and
 * `<name>:d` for each. @example rateCountSql('to_resolve', ['resolution_rate'])
 */
export function rateCountSql(base: FigureBase, names: readonly RateFigureName[]): string {
  const columns = names.flatMap((name) => [
    `count(*) FILTER (WHERE ${rateFigures[name].numeratorWhere})::int AS "${name}:n"`,
    `count(*) FILTER (WHERE ${rateFigures[name].denominatorWhere})::int AS "${name}:d"`,
  ]);
  return `SELECT ${columns.join(',\n  ')} FROM report r WHERE ${figureBases[base]}`;
}
