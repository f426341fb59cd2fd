import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { alertRecipientsSql } from '../alerts/alert-recipients-sql.ts';
import { openLimitsSql } from './open-limits-sql.ts';
import type { ReminderSettings } from './reminder-settings.ts';

/**
 * Queues every reminder point that fell since the last round (kept in `alert_round`, so a worker
 * down for an hour or a Redis wipe loses none: the next round covers the whole gap, late, and
 * the unique key of officer_alert stops a second copy). The points of each open limit: the
 * reminders at the configured shares and shortly before it (`reminder:<limit>:<50|80|soon>`, and
 * `reminder:decide:extension` before an unextended decide limit) to the handlers, the warning
 * (`warning:<limit>`) to the unit leads, and at the limit itself the escalation
 * (`escalation:<limit>`) to the supervisors over the unit. A point already past when its limit was
 * set (a limit extended late) is not raised. Returns how many alerts were queued.
 */
export async function queueDueReminders(
  pool: PgPool,
  settings: ReminderSettings,
  now: Date,
): Promise<number> {
  return inTransaction(pool, {}, async (client) => {
    const round = await client.query<{ through: Date }>(
      `SELECT through FROM alert_round WHERE name = 'reminders' FOR UPDATE`,
    );
    const from = round.rows[0]?.through ?? new Date(now.getTime() - settings.firstLookbackMs);
    if (from >= now) return 0;
    // The supervisors' correlated walk up the unit tree makes the planner's estimate huge, and JIT
    // would then spend most of a second compiling a statement that runs in milliseconds.
    await client.query('SET LOCAL jit = off');
    const seconds = (ms: number) => `${Math.round(ms / 1000)} seconds`;
    const { rowCount } = await client.query(
      `WITH limits AS (${openLimitsSql}),
       points AS (
         SELECT l.report_id, l.unit_id, l.assignee_id, p.kind, p.at, p.audience
           FROM limits l CROSS JOIN LATERAL (
             SELECT 'reminder:' || l.limit_name || ':' || pct AS kind,
                    l.started_at + (l.due_at - l.started_at) * (pct / 100.0) AS at, 'handlers' AS audience
               FROM unnest($3::int[]) AS pct
             UNION ALL SELECT 'reminder:' || l.limit_name || ':soon', l.due_at - $4::interval, 'handlers'
             UNION ALL SELECT 'reminder:decide:extension', l.due_at - $5::interval, 'handlers'
                        WHERE l.limit_name = 'decide' AND l.decision_limit = 'decide'
             UNION ALL SELECT 'warning:' || l.limit_name,
                        CASE WHEN l.due_at - l.started_at > 2 * $6::interval THEN l.due_at - $6::interval
                             ELSE l.started_at + (l.due_at - l.started_at) * 0.8 END, 'leads'
             UNION ALL SELECT 'escalation:' || l.limit_name, l.due_at, 'supervisors'
           ) p
          WHERE p.at > $1 AND p.at <= $2 AND p.at >= l.started_at)
       INSERT INTO officer_alert (officer_id, report_id, kind, occurrence, status)
       SELECT h.officer_id, p.report_id, p.kind, p.at, h.push
         FROM points p CROSS JOIN LATERAL (${alertRecipientsSql('p')}) h
       ON CONFLICT DO NOTHING`,
      [
        from,
        now,
        settings.pointsPercent,
        seconds(settings.soonMs),
        seconds(settings.extensionMs),
        seconds(settings.warningMs),
      ],
    );
    await client.query(
      `INSERT INTO alert_round (name, through) VALUES ('reminders', $1)
       ON CONFLICT (name) DO UPDATE SET through = EXCLUDED.through`,
      [now],
    );
    return rowCount ?? 0;
  });
}
