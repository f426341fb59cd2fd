import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import { type AlertSettings, queueUrgentAlerts } from '../alerts/queue-officer-alerts.ts';
import { addVksNoticeDue } from './add-vks-notice-due.ts';
import { writeReporterNotice } from './write-reporter-notice.ts';

/**
 * One round of the written receipt notices (joint circular 01/2017 Art. 14(1)): up to `limit`
 * triaged reports not yet noticed, oldest triage first, each in this one transaction getting its
 * notice to the reporter (sent, or kept for the status check) and its procuracy receipt notice as
 * a due item at the receipt limit triage counted, and with `alerts` the urgent alerts of the ones
 * urgent enough. Rows another worker holds are skipped. Returns
 * how many reports it noticed.
 */
export async function sendReceiptNotices(
  pool: PgPool,
  cipher: FieldCipher,
  now: Date,
  limit: number,
  alerts: AlertSettings | null = null,
): Promise<number> {
  return inTransaction(pool, {}, async (client) => {
    const { rows } = await client.query<{ id: string; receipt_notice_due_at: Date | null }>(
      `SELECT id, receipt_notice_due_at FROM report
        WHERE receipt_noticed_at IS NULL AND triaged_at IS NOT NULL
        ORDER BY triaged_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    for (const report of rows) {
      await writeReporterNotice(client, cipher, { reportId: report.id, kind: 'receipt', now });
      await addVksNoticeDue(client, {
        reportId: report.id,
        kind: 'receipt_notice',
        dueAt: report.receipt_notice_due_at,
        now,
      });
    }
    // The same once-per-report moment raises the urgent alerts to the unit's linked officers.
    if (alerts)
      await queueUrgentAlerts(
        client,
        rows.map((r) => r.id),
        alerts,
      );
    if (rows.length > 0)
      await client.query('UPDATE report SET receipt_noticed_at = $2 WHERE id = ANY($1::uuid[])', [
        rows.map((r) => r.id),
        now,
      ]);
    return rows.length;
  });
}
