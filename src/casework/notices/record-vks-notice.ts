import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { isUuid } from '../../platform/database/is-uuid.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { vksNoticeRecord } from './vks-notice-record.ts';

/** A recorded send may be a few minutes ahead of the server's clock, never more. */
const clockSkewMs = 5 * 60 * 1000;

export type RecordVksNoticeResult =
  | { recorded: { noticeId: string; clearedDue: boolean } }
  | { refused: 'not_found' | 'forbidden' | 'invalid'; issues?: { path: string; message: string }[] };

/**
 * An officer or unit lead of the report's unit records a notice as sent to the procuracy (when,
 * its reference number, how), in one transaction: the oldest due item of that kind is settled
 * (or, with none due, the notice is logged as sent), notice_due_at is cleared when it was that
 * notice (so the queue's next_due_at moves), and an event and an audit row are written.
 */
export async function recordVksNotice(
  pool: PgPool,
  user: ConsoleUser,
  reportId: string,
  body: unknown,
  now: Date,
): Promise<RecordVksNoticeResult> {
  if (user.units.length === 0 || !isUuid(reportId)) return { refused: 'not_found' };
  return inTransaction(pool, {}, async (client) => {
    // The report first: another unit's answers 404 whatever the role.
    const { rows } = await client.query<{ notice_kind: string | null }>(
      'SELECT notice_kind FROM report WHERE id = $1 AND unit_id = ANY($2::text[]) FOR UPDATE',
      [reportId, user.units],
    );
    const report = rows[0];
    if (!report) return { refused: 'not_found' };
    if (user.role !== 'officer' && user.role !== 'unit_lead') return { refused: 'forbidden' };
    const parsed = vksNoticeRecord.safeParse(body);
    if (!parsed.success)
      return {
        refused: 'invalid',
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      };
    const { kind, reference, method } = parsed.data;
    const sentAt = new Date(parsed.data.sentAt);
    if (sentAt.getTime() > now.getTime() + clockSkewMs)
      return { refused: 'invalid', issues: [{ path: 'sentAt', message: 'in the future' }] };
    const settled = await client.query<{ id: string }>(
      `UPDATE report_notice SET sent_at = $3, reference = $4, channel = $5, recorded_by = $6
        WHERE id = (SELECT id FROM report_notice
                     WHERE report_id = $1 AND recipient = 'vks' AND kind = $2 AND sent_at IS NULL AND lapsed_at IS NULL
                     ORDER BY created_at, id LIMIT 1 FOR UPDATE)
        RETURNING id`,
      [reportId, kind, sentAt, reference, method, user.officerId],
    );
    let noticeId = settled.rows[0]?.id;
    const clearedDue = noticeId !== undefined;
    if (!noticeId) {
      const logged = await client.query<{ id: string }>(
        `INSERT INTO report_notice (id, report_id, recipient, kind, channel, sent_at, reference, recorded_by, created_at)
         VALUES (gen_random_uuid(), $1, 'vks', $2, $3, $4, $5, $6, $7) RETURNING id`,
        [reportId, kind, method, sentAt, reference, user.officerId, now],
      );
      noticeId = logged.rows[0]?.id ?? '';
    }
    // The report's own notice limit is the latest decision's: once none of its kind is due, it no longer runs.
    if (clearedDue && report.notice_kind === kind)
      await client.query(
        `UPDATE report SET notice_due_at = NULL WHERE id = $1 AND NOT EXISTS (
           SELECT 1 FROM report_notice WHERE report_id = $1 AND recipient = 'vks' AND kind = $2
              AND sent_at IS NULL AND lapsed_at IS NULL)`,
        [reportId, kind],
      );
    await client.query(
      `INSERT INTO report_event (report_id, kind, actor, at, detail)
       VALUES ($1, 'vks_notice_recorded', $2, $3, $4::jsonb)`,
      [
        reportId,
        `officer:${user.officerId}`,
        now,
        JSON.stringify({ noticeId, kind, method, reference, sentAt: sentAt.toISOString() }),
      ],
    );
    await appendAudit(client, {
      officerId: user.officerId,
      sessionId: user.sessionId,
      action: 'report.vks_notice',
      reportId,
      detail: { noticeId, kind },
    });
    return { recorded: { noticeId, clearedDue } };
  });
}
