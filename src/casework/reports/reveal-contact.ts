import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { isUuid } from '../../platform/database/is-uuid.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import { normalizeText } from '../../platform/text/normalize-text.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { appendAudit } from '../audit/append-audit.ts';

export type RevealResult =
  | { revealed: { phone: string } }
  | { refused: 'not_found' | 'forbidden' | 'reason_required' | 'no_contact' };

/**
 * Shows a unit lead the phone a confidential reporter shared, for one report, with a reason. The
 * reveal is a report event (who, when, why) and an audit row, written before the phone is
 * decrypted and in the same transaction: there is no reveal without its record.
 */
export async function revealContact(
  pool: PgPool,
  cipher: FieldCipher,
  user: ConsoleUser,
  reportId: string,
  rawReason: string,
): Promise<RevealResult> {
  if (!isUuid(reportId) || user.units.length === 0) return { refused: 'not_found' };
  const reason = normalizeText(rawReason).trim();
  return inTransaction(pool, {}, async (client) => {
    const { rows } = await client.query<{ phoneEnc: Buffer | null; status: string }>(
      `SELECT c.phone_enc AS "phoneEnc", r.status FROM report r LEFT JOIN report_contact c ON c.report_id = r.id
        WHERE r.id = $1 AND r.unit_id = ANY($2::text[])`,
      [reportId, user.units],
    );
    const row = rows[0];
    if (!row) return { refused: 'not_found' };
    if (user.role !== 'unit_lead') return { refused: 'forbidden' };
    if (reason.length < 10 || reason.length > 500) return { refused: 'reason_required' };
    if (!row.phoneEnc) return { refused: 'no_contact' };
    const event = await client.query<{ id: string }>(
      `INSERT INTO report_event (report_id, kind, from_status, to_status, actor, detail)
       VALUES ($1, 'identity_revealed', $2::"ReportStatus", $2::"ReportStatus", $3, $4::jsonb) RETURNING id::text`,
      [reportId, row.status, `officer:${user.officerId}`, JSON.stringify({ reason })],
    );
    await appendAudit(client, {
      officerId: user.officerId,
      sessionId: user.sessionId,
      action: 'identity.reveal',
      reportId,
      detail: { eventId: event.rows[0]?.id ?? null },
    });
    return { revealed: { phone: cipher.decrypt(row.phoneEnc) } };
  });
}
