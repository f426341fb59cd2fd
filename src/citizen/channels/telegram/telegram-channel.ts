import type { ChannelFactory } from '../channel-module.ts';
import { telegramAdapter } from './telegram-adapter.ts';
import { telegramEndpoints } from './telegram-endpoints.ts';
import { createTelegramSender } from './telegram-sender.ts';

/**
 * Telegram, when `TELEGRAM_BOT_TOKEN` is set: a webhook at /webhooks/telegram (registered at
 * start-up when `PUBLIC_URL` is set) or long polling, and a sender within Telegram's flood limits.
 */
export const telegramChannel: ChannelFactory = ({ config, logger }) => {
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  const connection = { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT };
  const endpoints = telegramEndpoints({
    connection,
    mode: config.TELEGRAM_MODE,
    secret: config.TELEGRAM_WEBHOOK_SECRET,
    path: '/webhooks/telegram',
    publicUrl: config.PUBLIC_URL,
    logger,
  });
  return {
    channel: 'telegram',
    adapter: telegramAdapter,
    sender: createTelegramSender(connection),
    limits: { perSecond: config.TELEGRAM_GLOBAL_RATE_PER_SECOND, perChatBurst: 3, perChatPerSecond: 1 },
    registerRoutes: endpoints.registerRoutes,
    start: endpoints.start,
    stop: endpoints.stop,
  };
};
