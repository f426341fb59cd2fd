import { secretMatcher } from '../../../platform/http/secret-matcher.ts';
import type { ChannelFactory } from '../channel-module.ts';
import { registerWebhookRoute } from '../register-webhook-route.ts';
import { registerZaloBotWebhook } from './register-zalo-bot-webhook.ts';
import { createZaloBotAdapter } from './zalo-bot-adapter.ts';
import { startZaloBotPolling, type ZaloBotPolling } from './zalo-bot-polling.ts';
import { createZaloBotSender } from './zalo-bot-sender.ts';

/** Bot Platform updates are small; anything near this size is not a real update. */
const webhookBodyLimit = 1024 * 1024;
export const zaloBotWebhookPath = '/webhooks/zalo-bot';

/**
 * Zalo Bot Platform, when `ZALO_BOT_TOKEN` is set: a webhook (registered at start-up when
 * `PUBLIC_URL` is set) or polling for development, and a sender within a conservative rate.
 */
export const zaloBotChannel: ChannelFactory = ({ config, logger, protection }) => {
  if (!config.ZALO_BOT_TOKEN) return null;
  const connection = { token: config.ZALO_BOT_TOKEN, apiRoot: config.ZALO_BOT_API_ROOT };
  const secret = config.ZALO_BOT_WEBHOOK_SECRET;
  const adapter = createZaloBotAdapter(protection.hasher);
  let polling: ZaloBotPolling | null = null;
  return {
    channel: 'zalo_bot',
    adapter,
    sender: createZaloBotSender(connection),
    // The platform publishes no limits: a burst of 3 then 1/s per chat, as Telegram allows.
    limits: { perSecond: config.ZALO_BOT_GLOBAL_RATE_PER_SECOND, perChatBurst: 3, perChatPerSecond: 1 },
    registerRoutes(server, intake) {
      if (config.ZALO_BOT_MODE !== 'webhook' || !secret) return;
      const matchesSecret = secretMatcher(secret);
      registerWebhookRoute(
        server,
        {
          path: zaloBotWebhookPath,
          adapter,
          bodyLimitBytes: webhookBodyLimit,
          authenticate: (request) => {
            const presented = request.headers['x-bot-api-secret-token'];
            if (typeof presented !== 'string' || presented === '') return 'missing';
            return matchesSecret(presented) ? 'ok' : 'wrong';
          },
        },
        intake,
      );
    },
    async start(intake) {
      if (config.ZALO_BOT_MODE === 'polling') {
        polling = startZaloBotPolling({
          ...connection,
          onUpdate: async (update) => {
            const result = await intake.record(adapter, Buffer.from(JSON.stringify(update)));
            intake.recorded(result);
          },
          onError: (error) =>
            logger.warn(
              { channel: 'zalo_bot', err: error instanceof Error ? error.name : 'unknown' },
              'polling error',
            ),
        });
      } else if (config.PUBLIC_URL && secret) {
        await registerZaloBotWebhook({
          ...connection,
          url: new URL(zaloBotWebhookPath, config.PUBLIC_URL).toString(),
          secretToken: secret,
        });
        logger.info('Zalo Bot webhook registered');
      }
    },
    async stop() {
      await polling?.stop();
      polling = null;
    },
  };
};
