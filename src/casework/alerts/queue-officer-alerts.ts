import type { PgClient, PgPool } from '../../platform/database/create-pg-pool.ts';

/** Settings of the alert rounds: which priorities are "urgent", and how near a limit must be. */
export interface AlertSettings {
  /** Reports of this priority or higher (1 is the highest) raise an alert when triaged. */
  urgentPriority: number;
  /** A limit this close raises an alert. */
  deadlineLeadMs: number;
}

// The officers of a report's unit who take alerts: linked, active, and able to act on it.
const linkedOfficersOfUnit = `
  SELECT o.id FROM officer o JOIN officer_telegram_link l ON l.officer_id = o.id
   WHERE o.unit_id = r.unit_id AND o.active AND o.role IN ('officer', 'unit_lead')`;

// The assignee when they are linked and active; otherwise every linked officer of the unit.
const handlersOfReport = `
  SELECT o.id FROM officer o JOIN officer_telegram_link l ON l.officer_id = o.id
   WHERE o.id = r.assignee_id AND o.active AND o.unit_id = r.unit_id
  UNION ALL
  ${linkedOfficersOfUnit}
     AND NOT EXISTS (SELECT 1 FROM officer a JOIN officer_telegram_link al ON al.officer_id = a.id
                      WHERE a.id = r.assignee_id AND a.active AND a.unit_id = r.unit_id)`;

/**
 * Urgent alerts for reports just triaged (in the transaction that takes them, see
 * sendReceiptNotices): every linked officer and unit lead of the report's unit, once per report.
 */
export async function queueUrgentAlerts(
  client: PgClient,
  reportIds: readonly string[],
  settings: Pick<AlertSettings, 'urgentPriority'>,
): Promise<void> {
  if (reportIds.length === 0) return;
  await client.query(
    `INSERT INTO officer_alert (officer_id, report_id, kind, occurrence)
     SELECT h.id, r.id, 'urgent', r.triaged_at FROM report r CROSS JOIN LATERAL (${linkedOfficersOfUnit}) h
      WHERE r.id = ANY($1::uuid[]) AND r.priority <= $2 AND r.triaged_at IS NOT NULL
        AND r.status NOT IN ('transferred', 'closed')
     ON CONFLICT DO NOTHING`,
    [reportIds, settings.urgentPriority],
  );
}

/**
 * Alerts derived from the reports as they stand, so a restart or a Redis wipe loses none and a
 * round repeated sends none twice (one per officer, report, kind and occurrence): new information
 * from the reporter not yet opened by the unit (within the last day), and the nearest legal limit
 * of an open report coming within the lead time. They go to the assignee when linked, otherwise
 * to the unit's linked officers. Returns how many alerts were queued.
 */
export async function queueOfficerAlerts(pool: PgPool, settings: AlertSettings, now: Date): Promise<number> {
  const information = await pool.query(
    `INSERT INTO officer_alert (officer_id, report_id, kind, occurrence)
     SELECT h.id, r.id, 'new_information', r.new_information_at FROM report r
            CROSS JOIN LATERAL (${handlersOfReport}) h
      WHERE r.new_information_at IS NOT NULL AND r.new_information_at > $1
        AND r.status NOT IN ('transferred', 'closed')
     ON CONFLICT DO NOTHING`,
    [new Date(now.getTime() - 24 * 3600_000)],
  );
  const limits = await pool.query(
    `INSERT INTO officer_alert (officer_id, report_id, kind, occurrence)
     SELECT h.id, r.id, 'deadline', r.next_due_at FROM report r CROSS JOIN LATERAL (${handlersOfReport}) h
      WHERE r.next_due_at IS NOT NULL AND r.next_due_at > $1 AND r.next_due_at <= $2
        AND r.status NOT IN ('transferred', 'closed')
     ON CONFLICT DO NOTHING`,
    [now, new Date(now.getTime() + settings.deadlineLeadMs)],
  );
  return (information.rowCount ?? 0) + (limits.rowCount ?? 0);
}
