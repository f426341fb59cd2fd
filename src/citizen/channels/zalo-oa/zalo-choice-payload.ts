import { AppError } from '../../../platform/errors/app-error.ts';

/** Every button payload of ours starts with this; Zalo sends it back as the citizen's text. */
export const CHOICE_PAYLOAD_PREFIX = '#c|';

/** Zalo accepts `oa.query.hide` payloads up to 1,000 characters; ours stay far below. */
const MAX_PAYLOAD_CHARS = 200;
// Printable ASCII without the separator.
const partPattern = /^[\x21-\x7B\x7D\x7E]{1,80}$/;

/**
 * Encodes a button press as `#c|<stepName>|<choiceId>`, the text an `oa.query.hide` button sends
 * back when pressed. Throws an AppError `unrenderable_reply` (a bug in a flow, not a user error) for
 * parts that are not printable ASCII without `|`.
 * Example: `encodeChoicePayload('tip_category', 'drugs')` → `'#c|tip_category|drugs'`.
 */
export function encodeChoicePayload(stepName: string, choiceId: string): string {
  for (const part of [stepName, choiceId]) {
    if (!partPattern.test(part))
      throw new AppError('unrenderable_reply', `${JSON.stringify(part)} cannot be a payload part`);
  }
  const payload = `${CHOICE_PAYLOAD_PREFIX}${stepName}|${choiceId}`;
  if (payload.length > MAX_PAYLOAD_CHARS) throw new AppError('unrenderable_reply', 'choice payload too long');
  return payload;
}

/**
 * Reads a text written by `encodeChoicePayload`; null for anything else that starts with the
 * prefix (a forged or mistyped payload), which the caller treats as unsupported.
 */
export function decodeChoicePayload(text: string): { stepName: string; choiceId: string } | null {
  if (!text.startsWith(CHOICE_PAYLOAD_PREFIX) || text.length > MAX_PAYLOAD_CHARS) return null;
  const parts = text.slice(CHOICE_PAYLOAD_PREFIX.length).split('|');
  if (parts.length !== 2) return null;
  const [stepName = '', choiceId = ''] = parts;
  if (!partPattern.test(stepName) || !partPattern.test(choiceId)) return null;
  return { stepName, choiceId };
}
