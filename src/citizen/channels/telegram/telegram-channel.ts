import { secretMatcher } from '../../../platform/http/secret-matcher.ts';
import type { ChannelFactory } from '../channel-module.ts';
import { registerWebhookRoute } from '../register-webhook-route.ts';
import { registerTelegramWebhook } from './register-telegram-webhook.ts';
import { telegramAdapter } from './telegram-adapter.ts';
import { startTelegramPolling, type TelegramPolling } from './telegram-polling.ts';
import { createTelegramSender } from './telegram-sender.ts';

/** Telegram updates are small; anything near this size is not a real update. */
const webhookBodyLimit = 1024 * 1024;
const webhookPath = '/webhooks/telegram';

/**
 * Telegram, when `TELEGRAM_BOT_TOKEN` is set: a webhook (registered at start-up when `PUBLIC_URL`
 * is set) or long polling, and a sender within Telegram's flood limits.
 */
export const telegramChannel: ChannelFactory = ({ config, logger }) => {
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  const connection = { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT };
  const secret = config.TELEGRAM_WEBHOOK_SECRET;
  let polling: TelegramPolling | null = null;
  return {
    channel: 'telegram',
    adapter: telegramAdapter,
    sender: createTelegramSender(connection),
    limits: { perSecond: config.TELEGRAM_GLOBAL_RATE_PER_SECOND, perChatBurst: 3, perChatPerSecond: 1 },
    registerRoutes(server, intake) {
      if (config.TELEGRAM_MODE !== 'webhook' || !secret) return;
      const matchesSecret = secretMatcher(secret);
      registerWebhookRoute(
        server,
        {
          path: webhookPath,
          adapter: telegramAdapter,
          bodyLimitBytes: webhookBodyLimit,
          authenticate: (request) => {
            const presented = request.headers['x-telegram-bot-api-secret-token'];
            if (typeof presented !== 'string' || presented === '') return 'missing';
            return matchesSecret(presented) ? 'ok' : 'wrong';
          },
        },
        intake,
      );
    },
    async start(intake) {
      if (config.TELEGRAM_MODE === 'polling') {
        polling = startTelegramPolling({
          ...connection,
          onUpdate: async (update) => {
            const result = await intake.record(telegramAdapter, Buffer.from(JSON.stringify(update)));
            intake.recorded(result);
          },
          onError: (error) =>
            logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'polling error'),
        });
      } else if (config.PUBLIC_URL && secret) {
        await registerTelegramWebhook({
          ...connection,
          url: new URL(webhookPath, config.PUBLIC_URL).toString(),
          secretToken: secret,
        });
        logger.info('Telegram webhook registered');
      }
    },
    async stop() {
      await polling?.stop();
      polling = null;
    },
  };
};
