import { z } from 'zod';
import { normalizeText } from '../../platform/text/normalize-text.ts';
import { decodeAcceptData, isOfficerCallbackData } from './alert-callback-data.ts';

/** What an officer's Telegram update asks: link with a code, unlink, accept a report, or else. */
export type OfficerTelegramAsk =
  | { kind: 'link'; code: string }
  | { kind: 'unlink' }
  | { kind: 'accept'; reportId: string; version: number; callbackQueryId: string }
  | { kind: 'unknown_press'; callbackQueryId: string }
  | { kind: 'other' };

export interface OfficerTelegramCommand {
  updateId: number;
  /** The Telegram user (a private chat has the user's id). Never logged. */
  userId: string;
  chatId: string;
  /** Telegram's `language_code`: `en…` gives English pushes, anything else Vietnamese. */
  language: 'vi' | 'en';
  ask: OfficerTelegramAsk;
}

const userSchema = z.object({ id: z.int(), language_code: z.string().optional() });
const updateSchema = z.object({
  update_id: z.int().nonnegative(),
  message: z
    .object({
      chat: z.object({ id: z.int(), type: z.string().optional() }),
      from: userSchema,
      text: z.string().optional(),
    })
    .optional(),
  callback_query: z
    .object({
      id: z.string().min(1).max(256),
      from: userSchema,
      message: z.object({ chat: z.object({ id: z.int() }) }).optional(),
      data: z.string().optional(),
    })
    .optional(),
});

const linkPattern = /^\/link(?:@[A-Za-z0-9_]{1,64})?\s+([A-Za-z0-9 -]{4,20})$/;
const unlinkPattern = /^\/unlink(?:@[A-Za-z0-9_]{1,64})?$/;

/**
 * Reads a raw Telegram update as an officer's command. On the citizens' bot (`everything` false)
 * only `/link CODE`, `/unlink` and presses of officer buttons (`o|…`) are the officer side's; any
 * other update is null and goes to the citizen intake. On the separate officer bot every update of
 * a private chat is the officer side's (`other` when it asks nothing known). Null too for an update
 * that does not parse: the citizen intake quarantines it.
 */
export function readOfficerTelegramCommand(
  update: unknown,
  everything: boolean,
): OfficerTelegramCommand | null {
  const parsed = updateSchema.safeParse(update);
  if (!parsed.success) return null;
  const { update_id: updateId, message, callback_query: press } = parsed.data;
  if (press) {
    const data = press.data ?? '';
    if (!everything && !isOfficerCallbackData(data)) return null;
    const accept = decodeAcceptData(data);
    return {
      updateId,
      userId: String(press.from.id),
      chatId: String(press.message?.chat.id ?? press.from.id),
      language: languageOf(press.from.language_code),
      ask: accept
        ? { kind: 'accept', ...accept, callbackQueryId: press.id }
        : { kind: 'unknown_press', callbackQueryId: press.id },
    };
  }
  if (message) {
    const text = normalizeText(message.text ?? '').trim();
    const link = linkPattern.exec(text);
    const ask: OfficerTelegramAsk | null = link?.[1]
      ? { kind: 'link', code: link[1] }
      : unlinkPattern.test(text)
        ? { kind: 'unlink' }
        : everything
          ? { kind: 'other' }
          : null;
    // Links are made in private chats only: a code typed in a group would link the group.
    if (ask === null || (message.chat.type !== undefined && message.chat.type !== 'private')) {
      return everything ? { updateId, ...who(message), ask: { kind: 'other' } } : null;
    }
    return { updateId, ...who(message), ask };
  }
  return null;
}

function who(message: { chat: { id: number }; from: z.infer<typeof userSchema> }) {
  return {
    userId: String(message.from.id),
    chatId: String(message.chat.id),
    language: languageOf(message.from.language_code),
  };
}

function languageOf(code: string | undefined): 'vi' | 'en' {
  return code?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
