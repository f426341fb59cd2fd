import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'telegraf/types';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { RenderedReply } from '../../engine/reply.ts';
import { encodeChoiceCallbackData } from './callback-data.ts';

/** The `sendMessage` fields a reply needs, apart from `chat_id`. No `parse_mode`: plain text. */
export interface TelegramMessageParams {
  text: string;
  reply_markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
}

// Labels up to this many characters fit two to a row on a phone without being cut.
const SHORT_LABEL_CHARS = 14;

/**
 * Turns a translated reply into `sendMessage` fields. The text is sent without `parse_mode`, so a
 * citizen's words quoted in it can never become markup. Choices become inline buttons whose
 * callback data is `c|<stepName>|<choiceId>`; a location / contact request becomes a one-time
 * reply keyboard whose first button asks for it, with the choices' labels below as plain buttons
 * (pressed, they arrive as text). Any other reply removes a reply keyboard left over from an
 * earlier request. A reply it cannot show (callback data over 64 bytes, a missing label: a bug in
 * a flow, not something a retry fixes) throws an AppError `unrenderable_reply`.
 */
export function renderTelegramMessage(reply: RenderedReply): TelegramMessageParams {
  if (reply.request) return { text: reply.text, reply_markup: requestKeyboard(reply) };
  if (reply.choices.length > 0) return { text: reply.text, reply_markup: inlineKeyboard(reply) };
  return { text: reply.text, reply_markup: { remove_keyboard: true } };
}

function requestKeyboard(reply: RenderedReply): ReplyKeyboardMarkup {
  if (!reply.requestLabel) {
    throw new AppError(
      'unrenderable_reply',
      `a ${reply.request} request needs a requestLabel for its button`,
    );
  }
  const requestButton =
    reply.request === 'location'
      ? { text: reply.requestLabel, request_location: true }
      : { text: reply.requestLabel, request_contact: true };
  return {
    keyboard: [[requestButton], ...reply.choices.map((choice) => [{ text: choice.label }])],
    one_time_keyboard: true,
    resize_keyboard: true,
  };
}

function inlineKeyboard(reply: RenderedReply): InlineKeyboardMarkup {
  const { stepName } = reply;
  if (!stepName) throw new AppError('unrenderable_reply', 'choices need the stepName they belong to');
  const buttons = reply.choices.map((choice) => ({
    text: choice.label,
    callback_data: encodeChoiceCallbackData(stepName, choice.id),
  }));
  const perRow = buttons.every((button) => [...button.text].length <= SHORT_LABEL_CHARS) ? 2 : 1;
  const rows: (typeof buttons)[] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}
