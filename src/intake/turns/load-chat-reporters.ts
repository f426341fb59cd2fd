import { randomUUID } from 'node:crypto';
import type { ParsedInbound } from '../../citizen/channels/parsed-inbound.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { packBytea } from '../../platform/database/packed-bytea.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { IntakeDependencies } from './intake-dependencies.ts';
import type { ChatState, PendingEventRow } from './turn-batch-rows.ts';

interface ReporterRow {
  id: string;
  language: string;
  language_chosen: boolean;
  last_interaction_at: Date;
  state_enc: Buffer | null;
  expires_at: Date | null;
}

/**
 * The reporter and conversation of every chat that has something for the conversation, by chat
 * key: as the events' read brought them, or created on the chat's first message (all new chats
 * of the batch in one statement; a reporter may already exist under the parsed chat id).
 */
export async function loadChatReporters(
  deps: Pick<IntakeDependencies, 'protection'>,
  tx: PgClient,
  events: readonly { row: PendingEventRow; parsed: ParsedInbound | null }[],
): Promise<Map<string, ChatState>> {
  const chats = new Map<string, ChatState>();
  const newChats = new Map<string, { channel: Channel; parsed: ParsedInbound; identityHash: string }>();
  for (const { row, parsed } of events) {
    if (!parsed || chats.has(row.chat_key) || newChats.has(row.chat_key)) continue;
    if (row.reporter_id !== null) {
      chats.set(
        row.chat_key,
        chatState(row.channel, {
          id: row.reporter_id,
          language: row.language ?? 'vi',
          language_chosen: row.language_chosen ?? false,
          last_interaction_at: row.last_interaction_at ?? new Date(0),
          state_enc: row.state_enc,
          expires_at: row.expires_at,
        }),
      );
    } else {
      const identityHash = deps.protection.hasher.hash(row.channel, parsed.chatId);
      newChats.set(row.chat_key, { channel: row.channel, parsed, identityHash });
    }
  }
  if (newChats.size === 0) return chats;
  const input = [...newChats.values()];
  const chatIds = packBytea(input.map((chat) => deps.protection.cipher.encrypt(chat.parsed.chatId)));
  const { rows } = await tx.query<ReporterRow & { identity_hash: string }>({
    name: 'reporters-create',
    text: `WITH input AS (
             SELECT id, channel, identity_hash, substring($4::bytea FROM chat_id_start FOR chat_id_length) AS chat_id_enc,
                    language
             FROM unnest($1::uuid[], $2::text[], $3::text[], $6::int[], $7::int[], $5::text[])
               AS t(id, channel, identity_hash, chat_id_start, chat_id_length, language)
           ), created AS (
             INSERT INTO reporter (id, channel, identity_hash, chat_id_enc, language)
             SELECT id, channel::"Channel", identity_hash, chat_id_enc, language FROM input
             ON CONFLICT (channel, identity_hash) DO NOTHING
             RETURNING id, identity_hash, language, language_chosen, last_interaction_at
           )
           SELECT id, identity_hash, language, language_chosen, last_interaction_at,
                  NULL::bytea AS state_enc, NULL::timestamptz AS expires_at FROM created
           UNION ALL
           SELECT r.id, r.identity_hash, r.language, r.language_chosen, r.last_interaction_at,
                  c.state_enc, c.expires_at
           FROM input i
           JOIN reporter r ON r.channel = i.channel::"Channel" AND r.identity_hash = i.identity_hash
           LEFT JOIN conversation c ON c.reporter_id = r.id`,
    values: [
      input.map(() => randomUUID()),
      input.map((chat) => chat.channel),
      input.map((chat) => chat.identityHash),
      chatIds.data,
      input.map((chat) => (chat.parsed.languageHint?.toLowerCase().startsWith('en') ? 'en' : 'vi')),
      chatIds.starts,
      chatIds.lengths,
    ],
  });
  // The second half of the UNION sees the table as it was before the INSERT: existing reporters.
  const byHash = new Map(rows.map((row) => [row.identity_hash, row]));
  for (const [chatKey, chat] of newChats) {
    const reporter = byHash.get(chat.identityHash);
    if (!reporter) throw new Error('reporter could not be created');
    chats.set(chatKey, chatState(chat.channel, reporter));
  }
  return chats;
}

function chatState(channel: Channel, reporter: ReporterRow): ChatState {
  return {
    reporterId: reporter.id,
    channel,
    language: reporter.language,
    languageChosen: reporter.language_chosen,
    stored: { encrypted: reporter.state_enc },
    expiresAt: reporter.expires_at,
    lastInteractionAt: reporter.last_interaction_at,
    storedReporter: {
      language: reporter.language,
      languageChosen: reporter.language_chosen,
      lastInteractionAt: reporter.last_interaction_at,
    },
    changed: false,
    throttleNoticeSent: false,
  };
}
