import type { PgClient, PgPool } from '../../platform/database/create-pg-pool.ts';
import { alertRecipientsSql } from './alert-recipients-sql.ts';

/** Which priorities are "urgent" (1 is the highest): reports of this priority or higher raise an alert when triaged. */
export interface AlertSettings {
  urgentPriority: number;
}

/**
 * Urgent alerts for reports just triaged (in the transaction that takes them, see
 * sendReceiptNotices): every active officer and unit lead of the report's unit, once per report.
 */
export async function queueUrgentAlerts(
  client: PgClient,
  reportIds: readonly string[],
  settings: AlertSettings,
): Promise<void> {
  if (reportIds.length === 0) return;
  await client.query(
    `INSERT INTO officer_alert (officer_id, report_id, kind, occurrence, status)
     SELECT h.officer_id, p.id, 'urgent', p.triaged_at, h.push
       FROM (SELECT r.id, r.unit_id, r.assignee_id, r.triaged_at FROM report r
              WHERE r.id = ANY($1::uuid[]) AND r.priority <= $2 AND r.triaged_at IS NOT NULL
                AND r.status NOT IN ('transferred', 'closed')) p
       CROSS JOIN LATERAL (${alertRecipientsSql('p', 'unit')}) h
     ON CONFLICT DO NOTHING`,
    [reportIds, settings.urgentPriority],
  );
}

/**
 * New-information alerts derived from the reports as they stand (the reporter added something in
 * the last day that no officer of the unit has opened), so a restart loses none and the unique key
 * stops a second: to the assignee, else the unit. Returns how many were queued.
 */
export async function queueNewInformationAlerts(pool: PgPool, now: Date): Promise<number> {
  const { rowCount } = await pool.query(
    `INSERT INTO officer_alert (officer_id, report_id, kind, occurrence, status)
     SELECT h.officer_id, p.id, 'new_information', p.new_information_at, h.push
       FROM (SELECT r.id, r.unit_id, r.assignee_id, r.new_information_at FROM report r
              WHERE r.new_information_at IS NOT NULL AND r.new_information_at > $1
                AND r.status NOT IN ('transferred', 'closed')) p
       CROSS JOIN LATERAL (${alertRecipientsSql('p', 'handlers')}) h
     ON CONFLICT DO NOTHING`,
    [new Date(now.getTime() - 24 * 3600_000)],
  );
  return rowCount ?? 0;
}
