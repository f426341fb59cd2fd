import { randomUUID } from 'node:crypto';
import { type AppendedAuditEntry, appendAudit } from '../../../src/casework/audit/append-audit.ts';
import { inTransaction, type PgPool } from '../../../src/platform/database/create-pg-pool.ts';

/**
 * Appends `count` audit rows, each in its own committed transaction, with a mix of the shapes
 * callers write: with and without an officer, a report and a detail.
 */
export async function appendTestEntries(pool: PgPool, count: number): Promise<AppendedAuditEntry[]> {
  const appended: AppendedAuditEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const entry =
      i % 3 === 2
        ? { officerId: null, sessionId: null, action: 'deadline.recompute' }
        : {
            officerId: randomUUID(),
            sessionId: `session-${i}`,
            action: i % 2 === 0 ? 'report.read' : 'report.assign',
            reportId: randomUUID(),
            detail: { step: i, fields: ['status', 'assignee_id'], nested: { z: true, a: null } },
          };
    appended.push(await inTransaction(pool, {}, (client) => appendAudit(client, entry)));
  }
  return appended;
}
