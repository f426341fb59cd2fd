import type { PgClient } from '../../platform/database/create-pg-pool.ts';

/**
 * The newest officer question sent to this reporter's chat and not yet answered, if any: the
 * engine takes the next message at the menu as its answer. A question that waited for a closed
 * reply window was never sent here; the status check shows it instead.
 */
export async function readDeliveredQuestion(
  tx: PgClient,
  reporterId: string,
): Promise<{ reportId: string; registerNumber: string } | undefined> {
  const { rows } = await tx.query<{ report_id: string; register_number: string }>({
    name: 'delivered-question',
    text: `SELECT r.id AS report_id, r.register_number
             FROM report r JOIN follow_up f ON f.report_id = r.id
            WHERE r.reporter_id = $1 AND f.direction = 'to_reporter' AND f.answered_at IS NULL
              AND f.notified_at IS NOT NULL
            ORDER BY f.notified_at DESC LIMIT 1`,
    values: [reporterId],
  });
  const row = rows[0];
  return row ? { reportId: row.report_id, registerNumber: row.register_number } : undefined;
}
