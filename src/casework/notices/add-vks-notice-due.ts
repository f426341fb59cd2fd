import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import type { VksNoticeKind } from './vks-notice-kinds.ts';

/**
 * A procuracy notice the report now owes, due at `dueAt` (NULL while its limit waits for a longer
 * holiday list): a due item on the report's page until an officer records it sent.
 */
export async function addVksNoticeDue(
  client: PgClient,
  notice: { reportId: string; kind: VksNoticeKind; dueAt: Date | null; now: Date },
): Promise<void> {
  await client.query(
    `INSERT INTO report_notice (id, report_id, recipient, kind, due_at, created_at)
     VALUES (gen_random_uuid(), $1, 'vks', $2, $3, $4)`,
    [notice.reportId, notice.kind, notice.dueAt, notice.now],
  );
}
