import { AppError } from '../../../platform/errors/app-error.ts';
import type { IdentityHasher } from '../../../platform/identity/identity-hasher.ts';
import { isRecord } from '../is-record.ts';
import { isGroupChat, readZaloBotId, unwrapZaloBotUpdate } from './zalo-bot-update.ts';

export interface ZaloBotUpdateKey {
  /** `<keyed hash of the chat>:<message_id>`: the dedupe key. */
  platformKey: string;
  /** The chat to answer; null for a group chat, which is recorded but never answered. */
  chatId: string | null;
}

/**
 * Makes the reader of a raw update's dedupe key and chat, used before anything is stored. The key
 * is `message_id` qualified by the chat: the Bot Platform does not say that message ids are unique
 * across chats (Telegram's, which it copies, are per chat), and a collision would silently drop a
 * citizen's message as a duplicate. The chat appears only as its keyed hash (the same value as the
 * event's `chat_key`), never in clear. Throws an AppError `malformed_payload` when there is no
 * usable `message_id` or `chat.id`; the intake then quarantines the body under a hash of its bytes.
 * Example: `{ event_name: 'message.text.received', message: { message_id: 'm1', chat: { id: 'c9' } } }`
 * → `{ platformKey: '<hmac of zalo_bot:c9>:m1', chatId: 'c9' }`.
 */
export function createZaloBotKeyReader(hasher: IdentityHasher): (body: unknown) => ZaloBotUpdateKey {
  return (body) => {
    const update = unwrapZaloBotUpdate(body);
    const message = update.message;
    if (!isRecord(message)) throw new AppError('malformed_payload', 'a Zalo Bot update has no message');
    const messageId = readZaloBotId(message.message_id);
    const chat = message.chat;
    const chatId = isRecord(chat) ? readZaloBotId(chat.id) : null;
    if (messageId === null || chatId === null || !isRecord(chat)) {
      throw new AppError('malformed_payload', 'a Zalo Bot update has no usable message_id or chat.id');
    }
    return {
      platformKey: `${hasher.hash('zalo_bot', chatId)}:${messageId}`,
      chatId: isGroupChat(chat) ? null : chatId,
    };
  };
}
