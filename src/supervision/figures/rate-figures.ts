import { inScopeSql } from './figure-scope.ts';

/**
 * The supervision figures as data: for each, the reports it counts above the line and below it, as
 * `SELECT r.id FROM report r WHERE …` over the six parameters of `figureParameters` ($1 units,
 * $2 period start, $3 period end, $4 category, $5 channel, $6 kind). The dashboard counts each
 * statement, the drill-down lists its ids, and docs/audit.md writes the same conditions with
 * literal values. Facts are read as they stand when the figure is read: a tip classified after
 * the period's end still counts as classified.
 */
export interface RateFigure {
  numerator: string;
  denominator: string;
}

const submittedInPeriod = `r.submitted_at >= $2::timestamptz AND r.submitted_at < $3::timestamptz`;

const submitted = `SELECT r.id FROM report r WHERE ${inScopeSql} AND ${submittedInPeriod}`;

const trafficking = `${submitted} AND r.kind = 'trafficking'`;

/**
 * Thụ lý and not handed to another body: the reports the resolution rate is about. A transfer is
 * decided at classification, before any acceptance, so the second condition only guards the rule.
 */
const accepted = `SELECT r.id FROM report r WHERE ${inScopeSql}
  AND r.accepted_at < $3::timestamptz AND r.transferred_at IS NULL`;

const decidedInPeriod = `r.decided_at >= $2::timestamptz AND r.decided_at < $3::timestamptz`;

/** Not decided before the period started: accepted in it, or carried over unresolved. */
const toResolve = `${accepted} AND (r.decided_at IS NULL OR r.decided_at >= $2::timestamptz)`;

/** Not decided when the period ended (a suspended report is still unresolved here). */
const unresolvedAtEnd = `${accepted} AND (r.decided_at IS NULL OR r.decided_at >= $3::timestamptz)`;

export const rateFigures = {
  /** Of the reports submitted in the period, those classified within 24 hours of submission. */
  classified_within_24h: {
    denominator: submitted,
    numerator: `${submitted} AND r.classified_at <= r.submitted_at + interval '24 hours'`,
  },
  /**
   * Of the reports submitted in the period, those whose written receipt notice reached the reporter
   * by its limit: queued to the chat (`sent_at`) or, with the chat's window closed, shown at a
   * status check (`shown_at`).
   */
  receipt_notice_on_time: {
    denominator: submitted,
    numerator: `${submitted} AND EXISTS (SELECT 1 FROM report_notice n
      WHERE n.report_id = r.id AND n.recipient = 'reporter' AND n.kind = 'receipt'
        AND COALESCE(n.sent_at, n.shown_at) <= r.receipt_notice_due_at)`,
  },
  /**
   * The procuracy's rate, strict: decided (khởi tố, không khởi tố, administrative handling, all of
   * which set `decided_at`) in the period ÷ accepted before the period's end and not decided
   * before its start (accepted in the period + carried over unresolved). Transfers are excluded;
   * an administrative classification is never accepted, so it is in neither.
   */
  resolution_rate: {
    denominator: toResolve,
    numerator: `${accepted} AND ${decidedInPeriod}`,
  },
  /**
   * The same with tạm đình chỉ counted as resolved: a suspension in the period resolves, and a
   * report suspended before the period and not resumed (after its latest suspension) before the
   * period's end is neither to resolve nor resolved. Earlier suspension cycles of a report
   * suspended twice are only in report_event; the latest one is read.
   */
  resolution_rate_with_suspensions: {
    denominator: `${toResolve}
  AND (r.suspended_at IS NULL OR r.suspended_at >= $2::timestamptz
    OR (r.resumed_at > r.suspended_at AND r.resumed_at < $3::timestamptz))`,
    numerator: `${accepted}
  AND (${decidedInPeriod} OR (r.suspended_at >= $2::timestamptz AND r.suspended_at < $3::timestamptz))`,
  },
  /**
   * Unresolved at the period's end (strict) whose decision limit had passed by then. The limit is
   * the one standing now: a decision or a suspension clears it (a suspension stops the clock,
   * Art. 148), so a report decided after the period's end is not counted overdue in it.
   */
  overdue_rate: {
    denominator: unresolvedAtEnd,
    numerator: `${unresolvedAtEnd} AND r.decision_due_at < $3::timestamptz`,
  },
  /** Of the trafficking reports submitted in the period, those classified (target 100%). */
  trafficking_classified: {
    denominator: trafficking,
    numerator: `${trafficking} AND r.classified_at IS NOT NULL`,
  },
  /**
   * Of the trafficking reports submitted in the period, those handled: the victim's initial
   * verification recorded, the victim track moved past it, or the case decided.
   */
  trafficking_handled: {
    denominator: trafficking,
    numerator: `${trafficking} AND (r.victim_verification_outcome IS NOT NULL
    OR r.victim_track_status IN ('support_referred', 'protection_requested', 'protection_decided')
    OR r.decided_at IS NOT NULL)`,
  },
  /**
   * Of the reports submitted in the period, those fully accounted for: the register number before
   * theirs exists (no gap: numbers are gapless per register and year, so a missing one is a
   * deleted tip), and classified (accepted and transferred ones are) or still within 24 hours.
   */
  intake_completeness: {
    denominator: submitted,
    numerator: `${submitted}
  AND (r.register_seq = 1 OR EXISTS (SELECT 1 FROM report p
    WHERE p.register = r.register AND p.register_year = r.register_year AND p.register_seq = r.register_seq - 1))
  AND (r.classified_at IS NOT NULL OR r.submitted_at > now() - interval '24 hours')`,
  },
} as const satisfies Record<string, RateFigure>;

export type RateFigureName = keyof typeof rateFigures;

export const rateFigureNames = Object.keys(rateFigures) as RateFigureName[];
