import { isRecord } from '../is-record.ts';

/** The Bot API call that stops a pressed button's spinner. */
export type CallbackAnswerCall = {
  method: 'answerCallbackQuery';
  callback_query_id: string;
};

/**
 * The `answerCallbackQuery` call for a raw update that is a button press, or null for any other
 * update. Telegram shows a spinner on the button until it is called, whatever the bot does next.
 * Example: `callbackAnswerCall({ update_id: 7, callback_query: { id: 'q1' } })` →
 * `{ method: 'answerCallbackQuery', callback_query_id: 'q1' }`.
 */
export function callbackAnswerCall(update: unknown): CallbackAnswerCall | null {
  if (!isRecord(update) || !isRecord(update.callback_query)) return null;
  const id = update.callback_query.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) return null;
  return { method: 'answerCallbackQuery', callback_query_id: id };
}
