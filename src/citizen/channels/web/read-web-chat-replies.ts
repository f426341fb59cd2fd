import type { Logger } from 'pino';
import type { Database } from '../../../platform/database/create-database-client.ts';
import type { FieldCipher } from '../../../platform/identity/field-cipher.ts';
import type { RenderedReply } from '../../engine/reply.ts';
import type { OutboundPayload } from '../outbound-payload.ts';

/** One stored reply as the page receives it; `id` is the cursor to acknowledge it with. */
export interface WebChatReply {
  id: string;
  receipt: boolean;
  reply: RenderedReply;
}

export interface WebChatReplies {
  replies: WebChatReply[];
  /** The chat still has messages waiting to be processed: more replies are coming. */
  busy: boolean;
}

/** Replies returned per request at most; the page asks again from the last one it got. */
const pageSize = 50;

/**
 * The replies of one web chat after `after` (an outbound message id), oldest first. Pending and
 * already acknowledged rows are both returned, so a page that reloads with an older cursor loses
 * nothing, except receipts whose text was wiped when acknowledged (a receipt is shown once).
 * `busy` is read before the rows: once it is false, every reply to the chat's messages so far is
 * committed, so "not busy and no rows" really means nothing more is coming.
 */
export async function readWebChatReplies(
  db: Database,
  cipher: FieldCipher,
  logger: Logger,
  chatKey: string,
  after: bigint,
): Promise<WebChatReplies> {
  const [state] = await db.$queryRaw<{ busy: boolean; reporter_id: string | null }[]>`
    SELECT EXISTS (SELECT 1 FROM inbound_event WHERE chat_key = ${chatKey} AND outcome = 'pending') AS busy,
           (SELECT id::text FROM reporter WHERE channel = 'web' AND identity_hash = ${chatKey}) AS reporter_id`;
  const busy = state?.busy ?? false;
  if (!state?.reporter_id) return { replies: [], busy };
  const rows = await db.$queryRaw<{ id: bigint; purpose: string; payload_enc: Uint8Array }[]>`
    SELECT id, purpose, payload_enc FROM outbound_message
    WHERE reporter_id = ${state.reporter_id}::uuid AND channel = 'web' AND status IN ('pending', 'sent')
      AND id > ${after} AND length(payload_enc) > 0
    ORDER BY id LIMIT ${pageSize}`;
  const replies: WebChatReply[] = [];
  for (const row of rows) {
    let payload: OutboundPayload;
    try {
      payload = JSON.parse(cipher.decrypt(Buffer.from(row.payload_enc))) as OutboundPayload;
    } catch (error) {
      logger.warn(
        { outboundId: String(row.id), err: error instanceof Error ? error.name : 'unknown' },
        'web chat reply cannot be decrypted: skipped',
      );
      continue;
    }
    if (payload.type !== 'reply') continue;
    replies.push({ id: String(row.id), receipt: row.purpose === 'receipt', reply: payload.reply });
  }
  return { replies, busy };
}
