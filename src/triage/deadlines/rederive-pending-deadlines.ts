import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { computeReportDeadlines, type ReportKind } from './compute-report-deadlines.ts';
import type { DeadlineRule } from './load-deadline-rules.ts';
import { storedDeadlinesSchema, toStoredDeadline } from './stored-deadline.ts';
import type { VietnamCalendar } from './vietnam-calendar.ts';

export interface RederiveResult {
  /** Marked reports looked at. */
  examined: number;
  /** Reports that got at least one deadline counted (and a `deadlines_rederived` event). */
  rederived: number;
}

interface PendingRow {
  id: string;
  kind: ReportKind;
  submitted_at: Date;
  triaged_at: Date;
  /** The detail of the report's latest `triaged` or `deadlines_rederived` event. */
  detail: unknown;
}

/** One report's newly counted deadlines: one row of a batch's write. */
interface Rederived {
  id: string;
  classifyDueAt: Date | null;
  receiptNoticeDueAt: Date | null;
  decisionDueAt: Date | null;
  victimVerificationDueAt: Date | null;
  stillPending: boolean;
  detail: string;
}

/**
 * Counts the deadlines that triage left pending because the holiday list ended before them
 * (`deadlines_pending_calendar`), with `calendar`, which may be longer than the list that marked
 * them. Walks the marked reports in triage order, `batchSize` at a time, and writes each batch in
 * one statement: a column still NULL gets its due instant (one already set is never changed, even
 * if this list would count it otherwise), the mark is cleared once nothing is pending, and a
 * `deadlines_rederived` event lists the limits that were pending with what they are now.
 * Idempotent: a report with nothing new to count is not written, and the write applies only to a
 * report still marked. `triagedSince` limits the walk to reports triaged since then (the periodic
 * round: older ones were looked at with this same calendar already).
 */
export async function rederivePendingDeadlines(
  pool: PgPool,
  settings: { deadlineRules: readonly DeadlineRule[]; calendar: VietnamCalendar },
  options: { batchSize?: number; triagedSince?: Date; now?: Date } = {},
): Promise<RederiveResult> {
  const batchSize = options.batchSize ?? 500;
  const now = options.now ?? new Date();
  const result: RederiveResult = { examined: 0, rederived: 0 };
  let after: Keyset = { triagedAt: new Date(0), id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const rows = await readPendingBatch(pool, options.triagedSince ?? new Date(0), after, batchSize);
    result.examined += rows.length;
    const batch = rows.flatMap((row) => {
      const rederived = rederive(row, settings);
      return rederived === null ? [] : [rederived];
    });
    if (batch.length > 0) result.rederived += await writeBatch(pool, batch, now);
    const last = rows.at(-1);
    if (last === undefined || rows.length < batchSize) return result;
    after = { triagedAt: last.triaged_at, id: last.id };
  }
}

/** Where the walk over the marked reports has got to: the last one read, in triage order. */
interface Keyset {
  triagedAt: Date;
  id: string;
}

async function readPendingBatch(
  pool: PgPool,
  triagedSince: Date,
  after: Keyset,
  batchSize: number,
): Promise<PendingRow[]> {
  const { rows } = await pool.query<PendingRow>({
    name: 'rederive-read',
    text: `SELECT r.id::text, r.kind::text, r.submitted_at, r.triaged_at, e.detail
           FROM report r
           LEFT JOIN LATERAL (
             SELECT detail FROM report_event
             WHERE report_id = r.id AND kind IN ('triaged', 'deadlines_rederived')
             ORDER BY id DESC LIMIT 1
           ) e ON true
           WHERE r.deadlines_pending_calendar AND r.triaged_at >= $1
             AND (r.triaged_at, r.id) > ($2::timestamptz, $3::uuid)
           ORDER BY r.triaged_at, r.id
           LIMIT $4`,
    values: [triagedSince, after.triagedAt, after.id, batchSize],
  });
  return rows;
}

/** What a longer list counts now of what was pending for one report; null when nothing. */
function rederive(
  row: PendingRow,
  settings: { deadlineRules: readonly DeadlineRule[]; calendar: VietnamCalendar },
): Rederived | null {
  const counted = computeReportDeadlines(
    { submittedAt: row.submitted_at, kind: row.kind },
    settings.deadlineRules,
    settings.calendar,
  );
  // The limits pending in the latest detail; all of them when it cannot be read.
  const stored = storedDeadlinesSchema.safeParse(row.detail);
  const pendingIds = stored.success
    ? new Set(stored.data.deadlines.filter((d) => d.dueAt === null).map((d) => d.ruleId))
    : null;
  const wasPending = counted.deadlines.filter((d) => pendingIds === null || pendingIds.has(d.ruleId));
  const stillPending = wasPending.some((d) => d.dueAt === null);
  if (stillPending && !wasPending.some((d) => d.dueAt !== null)) return null;
  return {
    id: row.id,
    classifyDueAt: counted.classifyDueAt,
    receiptNoticeDueAt: counted.receiptNoticeDueAt,
    decisionDueAt: counted.decisionDueAt,
    victimVerificationDueAt: counted.victimVerificationDueAt,
    stillPending,
    detail: JSON.stringify({
      deadlines: wasPending.map(toStoredDeadline),
      deadlinesPendingCalendar: stillPending,
    }),
  };
}

async function writeBatch(pool: PgPool, batch: readonly Rederived[], now: Date): Promise<number> {
  const written = await pool.query({
    name: 'rederive-write',
    text: `WITH input AS (
             SELECT * FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[],
                                  $6::timestamptz[], $7::boolean[], $8::jsonb[])
               AS t(id, classify_due_at, receipt_notice_due_at, decision_due_at, victim_verification_due_at,
                    still_pending, detail)
           ), updated AS (
             UPDATE report r SET
               classify_due_at = COALESCE(r.classify_due_at, i.classify_due_at),
               receipt_notice_due_at = COALESCE(r.receipt_notice_due_at, i.receipt_notice_due_at),
               -- The 20-day limit only while it still governs: not after a decision, a transfer,
               -- an extension or a suspension has cleared or replaced it.
               decision_due_at = CASE
                 WHEN r.status IN ('submitted', 'classified', 'accepted', 'verifying')
                   AND COALESCE(r.decision_limit, 'decide') = 'decide'
                 THEN COALESCE(r.decision_due_at, i.decision_due_at) ELSE r.decision_due_at END,
               victim_verification_due_at = COALESCE(r.victim_verification_due_at, i.victim_verification_due_at),
               deadlines_pending_calendar = i.still_pending
             FROM input i
             WHERE r.id = i.id AND r.deadlines_pending_calendar
             RETURNING r.id, i.detail
           )
           INSERT INTO report_event (report_id, kind, actor, at, detail)
           SELECT id, 'deadlines_rederived', 'system', $1, detail FROM updated`,
    values: [
      now,
      batch.map((r) => r.id),
      batch.map((r) => r.classifyDueAt),
      batch.map((r) => r.receiptNoticeDueAt),
      batch.map((r) => r.decisionDueAt),
      batch.map((r) => r.victimVerificationDueAt),
      batch.map((r) => r.stillPending),
      batch.map((r) => r.detail),
    ],
  });
  return written.rowCount ?? 0;
}
