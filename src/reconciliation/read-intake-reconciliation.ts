import type { Database } from '../database/create-database-client.ts';
import { outboxRoutes } from '../outbox/outbox-routes.ts';

export interface UnaccountedItem {
  /** What is wrong: the check that found it. */
  check:
    | 'inbound_pending'
    | 'report_untriaged'
    | 'receipt_undelivered'
    | 'receipt_missing'
    | 'outbox_undispatched';
  /** The row concerned (an inbound event, report or outbox id); never personal data. */
  id: string;
  since: Date;
}

export interface IntakeReconciliation {
  inboundByOutcome: Record<string, number>;
  reportsByStatus: Record<string, number>;
  /** Everything that is not where it should be after the grace period. Empty = all accounted for. */
  unaccounted: UnaccountedItem[];
}

/**
 * The intake's books: every inbound event by outcome, every report by status, and each item that
 * is late by more than `graceSeconds`: events not processed, reports not triaged, receipts not
 * delivered or never written, outbox rows not relayed. A supervisor's "is every tip accounted
 * for?" is `unaccounted.length === 0`.
 */
export async function readIntakeReconciliation(
  db: Database,
  options: { graceSeconds: number; limit?: number },
): Promise<IntakeReconciliation> {
  const grace = options.graceSeconds;
  // Topics nobody consumes yet (follow-up notices before the officer console) are not late.
  const relayedTopics = Object.keys(outboxRoutes);
  const limit = options.limit ?? 1000;
  const inbound = await db.$queryRaw<{ outcome: string; n: bigint }[]>`
    SELECT outcome::text, count(*) AS n FROM inbound_event GROUP BY 1 ORDER BY 1`;
  const reports = await db.$queryRaw<{ status: string; n: bigint }[]>`
    SELECT status::text, count(*) AS n FROM report GROUP BY 1 ORDER BY 1`;
  const late = await db.$queryRaw<{ check: UnaccountedItem['check']; id: string; since: Date }[]>`
    (SELECT 'inbound_pending' AS check, id::text AS id, received_at AS since FROM inbound_event
      WHERE outcome = 'pending' AND received_at < now() - make_interval(secs => ${grace}) LIMIT ${limit})
    UNION ALL
    (SELECT 'report_untriaged', id::text, submitted_at FROM report
      WHERE triaged_at IS NULL AND submitted_at < now() - make_interval(secs => ${grace}) LIMIT ${limit})
    UNION ALL
    (SELECT 'receipt_undelivered', o.report_id::text, o.created_at FROM outbound_message o
      WHERE o.purpose = 'receipt' AND o.status <> 'sent'
        AND o.created_at < now() - make_interval(secs => ${grace}) LIMIT ${limit})
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
    unaccounted: late,
  };
}
