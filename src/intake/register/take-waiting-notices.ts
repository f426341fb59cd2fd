import type { ReporterNoticeView } from '../../citizen/engine/reporter-notice-view.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';

/**
 * The notices to the reporter of `reportId` that could not be sent (the chat's reply window was
 * closed) and no status check has shown yet, oldest first, marked shown at `now` in the caller's
 * transaction: the reply that shows them commits with the mark.
 */
export async function takeWaitingNotices(
  tx: PgClient,
  reportId: string,
  now: Date,
): Promise<ReporterNoticeView[]> {
  const { rows } = await tx.query<{
    kind: ReporterNoticeView['kind'];
    detail: Record<string, unknown> | null;
    created_at: Date;
    id: string;
  }>(
    `UPDATE report_notice n SET shown_at = $2
       FROM (SELECT id FROM report_notice
              WHERE report_id = $1 AND recipient = 'reporter' AND sent_at IS NULL AND shown_at IS NULL
              ORDER BY created_at, id FOR UPDATE) w
      WHERE n.id = w.id
      RETURNING n.kind, n.detail, n.created_at, n.id`,
    [reportId, now],
  );
  // RETURNING keeps no order: put them back in the order they were written.
  const ordered = [...rows].sort(
    (a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id),
  );
  return ordered
    .map((row) => ({ kind: row.kind, detail: row.detail ?? {} }))
    .map(({ kind, detail }) => ({
      kind,
      registerNumber: String(detail.registerNumber ?? ''),
      unitName: String(detail.unitName ?? ''),
      at: new Date(String(detail.at ?? now.toISOString())),
      reasons: typeof detail.reasons === 'string' ? detail.reasons : null,
      receivingBody: typeof detail.receivingBody === 'string' ? detail.receivingBody : null,
    }));
}
