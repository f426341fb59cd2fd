import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { secretMatcher } from '../../../platform/http/secret-matcher.ts';
import { registerWebhookRoute } from '../register-webhook-route.ts';
import type { WebhookIntake } from '../webhook-intake.ts';
import { registerTelegramWebhook } from './register-telegram-webhook.ts';
import { telegramAdapter } from './telegram-adapter.ts';
import type { TelegramConnection } from './telegram-api.ts';
import { startTelegramPolling, type TelegramPolling } from './telegram-polling.ts';

/** Telegram updates are small; anything near this size is not a real update. */
const webhookBodyLimit = 1024 * 1024;

export interface TelegramEndpoints {
  registerRoutes(server: FastifyInstance, intake: WebhookIntake): void;
  start(intake: WebhookIntake): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How one bot's updates come in: a webhook at `path` (registered with Telegram at start-up when
 * `publicUrl` is set) or long polling, both committing each update through the intake before it is
 * acknowledged. Used by the citizens' bot and by the separate officer bot.
 */
export function telegramEndpoints(options: {
  connection: TelegramConnection;
  mode: 'webhook' | 'polling';
  secret: string | undefined;
  path: string;
  publicUrl: string | undefined;
  logger: Logger;
}): TelegramEndpoints {
  const { connection, secret, path, logger } = options;
  let polling: TelegramPolling | null = null;
  return {
    registerRoutes(server, intake) {
      if (options.mode !== 'webhook' || !secret) return;
      const matchesSecret = secretMatcher(secret);
      registerWebhookRoute(
        server,
        {
          path,
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
      if (options.mode === 'polling') {
        polling = startTelegramPolling({
          ...connection,
          onUpdate: async (update) => {
            const result = await intake.record(telegramAdapter, Buffer.from(JSON.stringify(update)));
            intake.recorded(result);
            return result.webhookAnswer;
          },
          onError: (error) =>
            logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'polling error'),
        });
      } else if (options.publicUrl && secret) {
        await registerTelegramWebhook({
          ...connection,
          url: new URL(path, options.publicUrl).toString(),
          secretToken: secret,
        });
        logger.info({ path }, 'Telegram webhook registered');
      }
    },
    async stop() {
      await polling?.stop();
      polling = null;
    },
  };
}
