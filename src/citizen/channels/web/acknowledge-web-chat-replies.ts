import type { Database } from '../../../platform/database/create-database-client.ts';

/**
 * Marks a web chat's replies up to `upTo` as delivered: the page has shown them. Settled as the
 * dispatcher settles a sent message, so a receipt's text (it holds the receipt code) is wiped and
 * never served again. Rows of other chats are untouched whatever `upTo` says.
 */
export async function acknowledgeWebChatReplies(db: Database, chatKey: string, upTo: bigint): Promise<void> {
  if (upTo <= 0n) return;
  await db.$executeRaw`
    UPDATE outbound_message o SET status = 'sent', sent_at = now(), lease_until = NULL,
      payload_enc = CASE WHEN o.purpose = 'receipt' THEN ''::bytea ELSE o.payload_enc END
    FROM reporter r
    WHERE r.channel = 'web' AND r.identity_hash = ${chatKey} AND o.reporter_id = r.id
      AND o.channel = 'web' AND o.status = 'pending' AND o.id <= ${upTo}`;
}
