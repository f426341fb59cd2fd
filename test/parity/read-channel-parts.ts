import { createPgPool } from '../../src/platform/database/create-pg-pool.ts';
import type { IdentityProtection } from '../../src/platform/identity/identity-protection.ts';

/** The parts of a stored report that differ by channel or are kept encrypted, decrypted. */
export interface ChannelParts {
  channel: string;
  attachmentChannels: string[];
  /** The phone given for a confidential report, decrypted. */
  phone: string | null;
  /** The reporter's platform chat id, decrypted. */
  chatId: string;
  /** The report row and the encrypted phone and chat id as stored, as text: nothing private may show. */
  stored: string;
}

export async function readChannelParts(
  databaseUrl: string,
  protection: IdentityProtection,
  registerNumber: string,
): Promise<ChannelParts> {
  const pool = createPgPool(databaseUrl, 1);
  try {
    const { rows } = await pool.query<{
      channel: string;
      attachment_channels: string[] | null;
      phone_enc: Buffer | null;
      chat_id_enc: Buffer;
      report: string;
    }>(
      `SELECT r.channel::text, c.phone_enc, p.chat_id_enc, row_to_json(r)::text AS report,
              (SELECT array_agg(a.channel::text) FROM attachment a WHERE a.report_id = r.id) AS attachment_channels
       FROM report r JOIN reporter p ON p.id = r.reporter_id
       LEFT JOIN report_contact c ON c.report_id = r.id
       WHERE r.register_number = $1`,
      [registerNumber],
    );
    const row = rows[0];
    if (!row) throw new Error(`no report ${registerNumber}`);
    return {
      channel: row.channel,
      attachmentChannels: row.attachment_channels ?? [],
      phone: row.phone_enc ? protection.cipher.decrypt(row.phone_enc) : null,
      chatId: protection.cipher.decrypt(row.chat_id_enc),
      stored: [row.report, row.phone_enc?.toString('latin1') ?? '', row.chat_id_enc.toString('latin1')].join(
        '\n',
      ),
    };
  } finally {
    await pool.end();
  }
}
