import type { ChannelAdapter } from '../channel-adapter.ts';
import { parseTelegramUpdate } from './parse-telegram-update.ts';
import { readTelegramUpdateKey } from './read-telegram-update-key.ts';

/** Telegram as the intake sees it: every kind of input the flows can use. */
export const telegramAdapter: ChannelAdapter = {
  channel: 'telegram',
  capabilities: { buttons: true, locationRequest: true, contactRequest: true, attachments: true },
  readKey: readTelegramUpdateKey,
  parse: parseTelegramUpdate,
};
