import { AppError } from '../../../platform/errors/app-error.ts';

/** Telegram refuses `callback_data` longer than this many UTF-8 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

const PREFIX = 'c';
const SEPARATOR = '|';
// Printable ASCII without the separator: one byte per character, so length = bytes.
const partPattern = /^[\x20-\x7B\x7D\x7E]+$/;

/**
 * Encodes a button press as `c|<stepName>|<choiceId>`. Both parts must be non-empty printable ASCII
 * without `|`, and the whole must fit in 64 bytes; throws an AppError `unrenderable_reply` otherwise
 * (a bug in a flow, not a user error), so a flow with over-long names fails when rendered rather
 * than when Telegram rejects the message.
 * Example: `encodeChoiceCallbackData('crime_type', 'theft')` → `'c|crime_type|theft'`.
 */
export function encodeChoiceCallbackData(stepName: string, choiceId: string): string {
  for (const [what, part] of [
    ['step name', stepName],
    ['choice id', choiceId],
  ] as const) {
    if (!partPattern.test(part)) {
      throw new AppError(
        'unrenderable_reply',
        `${what} ${JSON.stringify(part)} must be printable ASCII without "|"`,
      );
    }
  }
  const data = [PREFIX, stepName, choiceId].join(SEPARATOR);
  const bytes = Buffer.byteLength(data, 'utf8');
  if (bytes > CALLBACK_DATA_MAX_BYTES) {
    throw new AppError(
      'unrenderable_reply',
      `callback data for step ${JSON.stringify(stepName)} is ${bytes} bytes; Telegram allows ${CALLBACK_DATA_MAX_BYTES}`,
    );
  }
  return data;
}

/**
 * Reads callback data written by `encodeChoiceCallbackData`; returns null for anything else (data
 * from an older bot version, a forged press), which the caller treats as unsupported.
 */
export function decodeChoiceCallbackData(data: string): { stepName: string; choiceId: string } | null {
  const parts = data.split(SEPARATOR);
  if (parts.length !== 3) return null;
  const [prefix, stepName, choiceId] = parts;
  if (prefix !== PREFIX || stepName === undefined || choiceId === undefined) return null;
  if (!partPattern.test(stepName) || !partPattern.test(choiceId)) return null;
  return { stepName, choiceId };
}
