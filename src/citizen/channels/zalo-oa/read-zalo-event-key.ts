import { AppError } from '../../../platform/errors/app-error.ts';
import { isRecord } from '../is-record.ts';
import { conversationEvents, zaloIdPattern } from './zalo-event-kinds.ts';

export interface ZaloEventKey {
  /**
   * `msg_id`, or `<event_name>:<keyed hash of the user>:<timestamp>` for events without a message
   * (the user id never appears in clear).
   */
  platformKey: string;
  /** The citizen's Zalo user id for events that get a conversation turn; null otherwise. */
  chatId: string | null;
}

/**
 * Reads the dedupe key and chat of a raw Zalo webhook event (parsed JSON) before anything else
 * looks at it. Throws an AppError `malformed_payload` when there is no event name, no usable key, or a
 * user id that is not a decimal string (a number would already have lost digits in JSON.parse).
 * Example: `readZaloEventKey({ event_name: 'user_send_text', sender: { id: '2468458835296117922' },
 * message: { msg_id: 'abc', text: 'Hi' }, timestamp: '1' }, hash)` → `{ platformKey: 'abc', chatId: '2468…' }`.
 */
export function readZaloEventKey(body: unknown, hashUser: (userId: string) => string): ZaloEventKey {
  if (!isRecord(body)) throw new AppError('malformed_payload', 'a Zalo event must be a JSON object');
  const eventName = body.event_name;
  if (typeof eventName !== 'string' || !/^[a-z_]{1,64}$/.test(eventName)) {
    throw new AppError('malformed_payload', 'a Zalo event has no event_name');
  }
  const senderId = idOf(body.sender, 'sender.id');
  const followerId = idOf(body.follower, 'follower.id');
  const msgId = isRecord(body.message) ? body.message.msg_id : undefined;
  let platformKey: string;
  if (typeof msgId === 'string' && /^[\x21-\x7E]{1,128}$/.test(msgId)) {
    platformKey = msgId;
  } else {
    const timestamp = body.timestamp;
    const stamp =
      typeof timestamp === 'string' && /^\d{1,16}$/.test(timestamp)
        ? timestamp
        : typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp >= 0
          ? String(timestamp)
          : null;
    const who = senderId ?? followerId ?? idOf(body.user_id_by_app, 'user_id_by_app', true);
    if (stamp === null || who === null) {
      throw new AppError(
        'malformed_payload',
        `a Zalo ${eventName} event has neither msg_id nor sender and timestamp`,
      );
    }
    platformKey = `${eventName}:${hashUser(who)}:${stamp}`;
  }
  const chatId = conversationEvents.has(eventName) ? senderId : null;
  if (conversationEvents.has(eventName) && chatId === null) {
    throw new AppError('malformed_payload', `a Zalo ${eventName} event has no sender.id`);
  }
  return { platformKey, chatId };
}

function idOf(holder: unknown, what: string, bare = false): string | null {
  if (holder === undefined || holder === null) return null;
  const id = bare ? holder : isRecord(holder) ? holder.id : undefined;
  if (id === undefined && !bare) return null;
  if (typeof id !== 'string' || !zaloIdPattern.test(id)) {
    throw new AppError('malformed_payload', `${what} must be a decimal string`);
  }
  return id;
}
