import { AppError } from '../../../platform/errors/app-error.ts';
import { isRecord } from '../is-record.ts';

export interface TelegramUpdateKey {
  /** `update_id` as a decimal string: the dedupe key, sequential per bot. */
  platformKey: string;
  /** The chat the update belongs to, as a decimal string; null when the update names none. */
  chatId: string | null;
}

/**
 * Reads the dedupe key and chat of a raw Telegram update (the parsed JSON body) before anything
 * else looks at it, so even an update that later fails to parse can be stored and deduplicated.
 * Never throws for an odd or unknown update kind; throws an AppError `malformed_payload` only when
 * there is no non-negative integer `update_id`.
 * Example: `readTelegramUpdateKey({ update_id: 7, message: { chat: { id: 42 } } })` →
 * `{ platformKey: '7', chatId: '42' }`.
 */
export function readTelegramUpdateKey(body: unknown): TelegramUpdateKey {
  if (!isRecord(body)) throw new AppError('malformed_payload', 'a Telegram update must be a JSON object');
  const updateId = body.update_id;
  if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId) || updateId < 0) {
    throw new AppError('malformed_payload', 'a Telegram update has no integer update_id');
  }
  return { platformKey: String(updateId), chatId: findChatId(body) };
}

// Every update kind carries its payload under one key; look for a chat in each rather than
// listing kinds, so that kinds added to the Bot API later still yield their chat.
function findChatId(update: Record<string, unknown>): string | null {
  for (const [key, payload] of Object.entries(update)) {
    if (key === 'update_id' || !isRecord(payload)) continue;
    const id =
      chatIdOf(payload.chat) ??
      (isRecord(payload.message) ? chatIdOf(payload.message.chat) : null) ??
      // A callback query on an inline message or an inline query has only a sender, whose
      // private chat id equals the user id.
      chatIdOf(payload.from);
    if (id !== null) return id;
  }
  return null;
}

function chatIdOf(chatOrUser: unknown): string | null {
  if (!isRecord(chatOrUser)) return null;
  const id = chatOrUser.id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  if (typeof id === 'string' && /^-?\d{1,20}$/.test(id)) return id;
  return null;
}
