import type { Database } from '../../platform/database/create-database-client.ts';
import { outboxRoutes } from '../../triage/outbox/outbox-routes.ts';

export interface UnaccountedItem {
  /** What is wrong: the check that found it. */
  check:
    | 'inbound_pending'
    | 'outbox_undispatched'
    | 'report_untriaged'
    | 'receipt_missing'
    | 'receipt_overdue'
    | 'receipt_failed';
  /** The row concerned (an inbound event, report or outbox id); never personal data. */
  id: string;
  /** When the row was written: how long it has been waiting. */
  since: Date;
}

/** Every report by where its triage stands; the last three add up to `submitted`. */
export interface TriageBooks {
  submitted: number;
  triaged: number;
  /** Fine: triage normally takes seconds. */
  untriagedWithinGrace: number;
  /** Needs a person. */
  untriagedPastGrace: number;
}

/**
 * Every receipt (`outbound_message` with purpose `receipt`) by delivery state. `pending` rows are
 * split by age: younger than the delivery budget they are queued (the dispatcher paces sends to the
 * platform's rate limits and retries 429 and 5xx after a pause), older they are overdue. `failed`
 * is final: the dispatcher gives a receipt up only when the platform refuses it for good.
 */
export interface ReceiptBooks {
  sent: number;
  queuedWithinBudget: number;
  /** Needs a person: pending for longer than the budget. */
  overdue: number;
  /** Needs a person: given up, at any age. */
  failed: number;
  /** Needs a person: reports older than the grace period with no receipt row at all. */
  missing: number;
  /**
   * Web chat receipts its page has not fetched yet, at any age: the page fetches its own replies
   * (nobody can push them), and a citizen who closed it sees the code on coming back.
   */
  awaitingWebPage: number;
}

export interface IntakeReconciliation {
  inboundByOutcome: Record<string, number>;
  reportsByStatus: Record<string, number>;
  triage: TriageBooks;
  receipts: ReceiptBooks;
  /** Everything that needs a person (at most `limit` per check). Empty = all accounted for. */
  unaccounted: UnaccountedItem[];
}

export interface ReconciliationWindows {
  /** How long an inbound event, an outbox row or an untriaged report may wait. */
  graceSeconds: number;
  /**
   * How long a receipt may wait in the queue before it is overdue. Defaults to `graceSeconds`, so
   * a caller that waited for everything to settle (graceSeconds 0) still expects every receipt sent.
   */
  receiptBudgetSeconds?: number;
  /** Items listed per check; the counts are exact whatever it is. */
  limit?: number;
}

/**
 * The intake's books from one snapshot: every inbound event by outcome, every report by status and
 * by triage, every receipt by delivery state, and each item that needs a person: events not
 * processed, reports not triaged, outbox rows not relayed (all after `graceSeconds`), receipts
 * never written (after `graceSeconds`), overdue (after `receiptBudgetSeconds`) or given up.
 * @example (await readIntakeReconciliation(db, { graceSeconds: 60, receiptBudgetSeconds: 120 })).unaccounted
 */
export async function readIntakeReconciliation(
  db: Database,
  options: ReconciliationWindows,
): Promise<IntakeReconciliation> {
  const grace = options.graceSeconds;
  const budget = options.receiptBudgetSeconds ?? grace;
  // Topics nobody consumes yet (follow-up notices before the officer console) are not late.
  const relayedTopics = Object.keys(outboxRoutes);
  const limit = options.limit ?? 1000;
  // One snapshot and one now(), so the counts and the listed items agree.
  return db.$transaction(
    async (tx) => {
      const inbound = await tx.$queryRaw<{ outcome: string; n: bigint }[]>`
        SELECT outcome::text, count(*) AS n FROM inbound_event GROUP BY 1 ORDER BY 1`;
      const reports = await tx.$queryRaw<{ status: string; n: bigint }[]>`
        SELECT status::text, count(*) AS n FROM report GROUP BY 1 ORDER BY 1`;
      const [triage] = await tx.$queryRaw<
        { submitted: bigint; triaged: bigint; within: bigint; past: bigint; missing: bigint }[]
      >`
        SELECT count(*) AS submitted,
          count(*) FILTER (WHERE triaged_at IS NOT NULL) AS triaged,
          count(*) FILTER (WHERE triaged_at IS NULL AND submitted_at >= now() - make_interval(secs => ${grace})) AS within,
          count(*) FILTER (WHERE triaged_at IS NULL AND submitted_at < now() - make_interval(secs => ${grace})) AS past,
          count(*) FILTER (WHERE submitted_at < now() - make_interval(secs => ${grace}) AND NOT EXISTS (
            SELECT 1 FROM outbound_message o WHERE o.purpose = 'receipt' AND o.report_id = r.id)) AS missing
        FROM report r`;
      const [receipts] = await tx.$queryRaw<
        { sent: bigint; queued: bigint; overdue: bigint; failed: bigint; web: bigint }[]
      >`
        SELECT count(*) FILTER (WHERE status = 'sent') AS sent,
          count(*) FILTER (WHERE status = 'pending' AND channel <> 'web' AND created_at >= now() - make_interval(secs => ${budget})) AS queued,
          count(*) FILTER (WHERE status = 'pending' AND channel <> 'web' AND created_at < now() - make_interval(secs => ${budget})) AS overdue,
          count(*) FILTER (WHERE status = 'failed') AS failed,
          count(*) FILTER (WHERE status = 'pending' AND channel = 'web') AS web
        FROM outbound_message WHERE purpose = 'receipt'`;
      const late = await tx.$queryRaw<UnaccountedItem[]>`
        (SELECT 'inbound_pending' AS check, id::text AS id, received_at AS since FROM inbound_event
          WHERE outcome = 'pending' AND received_at < now() - make_interval(secs => ${grace}) LIMIT ${limit})
        UNION ALL
        (SELECT 'report_untriaged', id::text, submitted_at FROM report
          WHERE triaged_at IS NULL AND submitted_at < now() - make_interval(secs => ${grace}) LIMIT ${limit})
        UNION ALL
        (SELECT 'receipt_overdue', o.report_id::text, o.created_at FROM outbound_message o
          WHERE o.purpose = 'receipt' AND o.status = 'pending' AND o.channel <> 'web'
            AND o.created_at < now() - make_interval(secs => ${budget}) LIMIT ${limit})
        UNION ALL
        (SELECT 'receipt_failed', o.report_id::text, o.created_at FROM outbound_message o
          WHERE o.purpose = 'receipt' AND o.status = 'failed' LIMIT ${limit})
        UNION ALL
        (SELECT 'receipt_missing', r.id::text, r.submitted_at FROM report r
          WHERE NOT EXISTS (SELECT 1 FROM outbound_message o WHERE o.purpose = 'receipt' AND o.report_id = r.id)
            AND r.submitted_at < now() - make_interval(secs => ${grace}) LIMIT ${limit})
        UNION ALL
        (SELECT 'outbox_undispatched', id::text, created_at FROM outbox
          WHERE dispatched_at IS NULL AND topic = ANY(${relayedTopics}::text[]) AND created_at < now() - make_interval(secs => ${grace}) LIMIT ${limit})`;
      return {
        inboundByOutcome: Object.fromEntries(inbound.map((r) => [r.outcome, Number(r.n)])),
        reportsByStatus: Object.fromEntries(reports.map((r) => [r.status, Number(r.n)])),
        triage: {
          submitted: Number(triage?.submitted ?? 0),
          triaged: Number(triage?.triaged ?? 0),
          untriagedWithinGrace: Number(triage?.within ?? 0),
          untriagedPastGrace: Number(triage?.past ?? 0),
        },
        receipts: {
          sent: Number(receipts?.sent ?? 0),
          queuedWithinBudget: Number(receipts?.queued ?? 0),
          awaitingWebPage: Number(receipts?.web ?? 0),
          overdue: Number(receipts?.overdue ?? 0),
          failed: Number(receipts?.failed ?? 0),
          missing: Number(triage?.missing ?? 0),
        },
        unaccounted: late,
      };
    },
    // Counting a large table can take longer than Prisma's 5 s default for a transaction.
    { isolationLevel: 'RepeatableRead', timeout: 120_000 },
  );
}
