import type { PgClient } from '../../platform/database/create-pg-pool.ts';

/**
 * Locks, for the caller's transaction, up to `chats` chats with the oldest pending events that
 * no other transaction holds, among the chats of the oldest `chats × eventsPerChat` pending events
 * (an index range, whatever the backlog; as many events as a full batch could take, so other chats
 * are among them unless one chat alone has that many waiting). Each lock is taken as the LIMIT pulls its candidate, so exactly
 * the returned chats are locked. Read their events in a later statement: its snapshot then sees
 * everything committed before the locks were granted.
 */
export async function claimChats(tx: PgClient, chats: number, eventsPerChat: number): Promise<string[]> {
  const { rows } = await tx.query<{ chat_key: string }>({
    name: 'turn-claim',
    text: `WITH oldest AS MATERIALIZED (
             SELECT chat_key, id FROM inbound_event
             WHERE outcome = 'pending' AND chat_key IS NOT NULL
             ORDER BY id LIMIT $1::int * $2::int
           ), candidates AS MATERIALIZED (
             SELECT chat_key, min(id) AS first_id FROM oldest GROUP BY chat_key ORDER BY first_id
           )
           SELECT chat_key FROM candidates
           WHERE pg_try_advisory_xact_lock(hashtextextended(chat_key, 0))
           LIMIT $1`,
    values: [chats, eventsPerChat],
  });
  return rows.map((row) => row.chat_key);
}
