import { AppError } from '../../../platform/errors/app-error.ts';
import { isRecord } from '../is-record.ts';

// Ids are opaque strings (Zalo ids exceed 2^53, so they are never parsed as numbers). Whatever the
// platform really uses, anything outside this set (NUL, spaces, markup) is not an id: PostgreSQL
// cannot even store a NUL in the dedupe key.
const idPattern = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Reads an id field: a string of up to 128 letters, digits, `_ . -`, or a non-negative safe
 * integer (returned as its decimal string). Null for anything else.
 * Example: `readZaloBotId('7a1f0c')` → `'7a1f0c'`; `readZaloBotId({})` → `null`.
 */
export function readZaloBotId(value: unknown): string | null {
  if (typeof value === 'string') return idPattern.test(value) ? value : null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return null;
}

/**
 * The update inside a body. The webhook posts `{ event_name, message }`; `getUpdates` answers
 * `{ ok, result: { event_name, message } }`, and some clients report webhook bodies in that
 * envelope too (unconfirmed), so both are read. Throws an AppError `malformed_payload` for a body
 * that is not a JSON object.
 */
export function unwrapZaloBotUpdate(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new AppError('malformed_payload', 'a Zalo Bot update must be a JSON object');
  if (body.event_name === undefined && body.ok === true && isRecord(body.result)) return body.result;
  return body;
}

/** A group chat: the bot does not take reports there (see docs/decisions.md). */
export function isGroupChat(chat: Record<string, unknown>): boolean {
  return typeof chat.chat_type === 'string' && chat.chat_type.toUpperCase() === 'GROUP';
}
