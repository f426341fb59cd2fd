import type { PgPool } from '../../platform/database/create-pg-pool.ts';

/** A row of the notice log: which report (by register number), to whom, what, and when. No identity. */
export interface NoticeLogRow {
  id: string;
  registerNumber: string;
  unitId: string;
  recipient: string;
  kind: string;
  channel: string | null;
  dueAt: Date | null;
  sentAt: Date | null;
  shownAt: Date | null;
  lapsedAt: Date | null;
  reference: string | null;
  createdAt: Date;
}

const pageSize = 1000;

/**
 * The notices of `units` written in [from, to), oldest first, a page at a time by (created_at,
 * id), so an export of any length holds one page in memory. Reporter identity is not selected.
 */
export async function* readNoticeLog(
  pool: PgPool,
  units: readonly string[],
  from: Date,
  to: Date,
): AsyncGenerator<NoticeLogRow> {
  let after = null as { createdAt: Date; id: string } | null;
  for (;;) {
    const { rows }: { rows: NoticeLogRow[] } = await pool.query<NoticeLogRow>(
      `SELECT n.id, r.register_number AS "registerNumber", r.unit_id AS "unitId", n.recipient, n.kind,
              n.channel, n.due_at AS "dueAt", n.sent_at AS "sentAt", n.shown_at AS "shownAt",
              n.lapsed_at AS "lapsedAt", n.reference, n.created_at AS "createdAt"
         FROM report_notice n JOIN report r ON r.id = n.report_id
        WHERE r.unit_id = ANY($1::text[]) AND n.created_at >= $2 AND n.created_at < $3
          AND ($4::timestamptz IS NULL OR (n.created_at, n.id) > ($4, $5::uuid))
        ORDER BY n.created_at, n.id LIMIT $6`,
      [units, from, to, after?.createdAt ?? null, after?.id ?? null, pageSize],
    );
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
