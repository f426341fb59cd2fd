import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { isUuid } from '../../platform/database/is-uuid.ts';
import { normalizeText } from '../../platform/text/normalize-text.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { appendAudit } from '../audit/append-audit.ts';

export const maxNoteLength = 4000;

/** An officer's or unit lead's internal note on a report of their unit; audited, never sent out. */
export async function addCaseNote(
  pool: PgPool,
  user: ConsoleUser,
  reportId: string,
  rawText: string,
): Promise<'added' | 'not_found' | 'forbidden' | 'invalid'> {
  if (user.units.length === 0 || !isUuid(reportId)) return 'not_found';
  const text = normalizeText(rawText).trim();
  return inTransaction(pool, {}, async (client) => {
    // The report first: another unit's answers 404 whatever the role.
    const found = await client.query('SELECT 1 FROM report WHERE id = $1 AND unit_id = ANY($2::text[])', [
      reportId,
      user.units,
    ]);
    if (!found.rowCount) return 'not_found';
    if (user.role !== 'officer' && user.role !== 'unit_lead') return 'forbidden';
    if (text.length === 0 || text.length > maxNoteLength) return 'invalid';
    const { rows } = await client.query<{ id: string }>(
      'INSERT INTO report_note (id, report_id, officer_id, text) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id',
      [reportId, user.officerId, text],
    );
    await appendAudit(client, {
      officerId: user.officerId,
      sessionId: user.sessionId,
      action: 'report.note',
      reportId,
      detail: { noteId: rows[0]?.id ?? null },
    });
    return 'added';
  });
}
