import type { ChannelAdapter } from '../channel-adapter.ts';
import { callbackAnswerCall } from './callback-answer-call.ts';
import { parseTelegramUpdate } from './parse-telegram-update.ts';
import { readTelegramUpdateKey } from './read-telegram-update-key.ts';

/**
 * Telegram as the intake sees it: every kind of input the flows can use. A button press is
 * answered in the webhook's own answer (`answerCallbackQuery`), once the update is committed: no
 * request of its own, and the spinner stops before the bot's reply arrives.
 */
export const telegramAdapter: ChannelAdapter = {
  channel: 'telegram',
  capabilities: { buttons: true, locationRequest: true, contactRequest: true, attachments: true },
  readKey: readTelegramUpdateKey,
  parse: parseTelegramUpdate,
  webhookAnswer: callbackAnswerCall,
};
