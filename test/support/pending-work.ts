import type { Database } from '../../src/platform/database/create-database-client.ts';

/**
 * Inbound events of a chat not yet processed plus its outbound messages not yet delivered: zero
 * when everything the chat sent has been answered. `chatKey` is the chat's keyed hash (the
 * intake's `chat_key`, the reporter's `identity_hash`).
 */
export async function pendingWorkOf(db: Database, chatKey: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT (SELECT count(*) FROM inbound_event WHERE chat_key = ${chatKey} AND outcome = 'pending')
         + (SELECT count(*) FROM outbound_message o JOIN reporter r ON r.id = o.reporter_id
            WHERE r.identity_hash = ${chatKey} AND o.status = 'pending') AS n`;
  return Number(row?.n ?? 0);
}
