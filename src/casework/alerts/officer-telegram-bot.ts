import type { FastifyInstance } from 'fastify';
import { telegramEndpoints } from '../../citizen/channels/telegram/telegram-endpoints.ts';
import type { WebhookIntake } from '../../citizen/channels/webhook-intake.ts';
import type { Config } from '../../platform/config/load-config.ts';
import { alertBotOf } from './alert-bot.ts';
import type { OfficerTelegramDeps } from './officer-telegram-deps.ts';
import { withOfficerTelegram } from './officer-telegram-intake.ts';

export interface OfficerTelegram {
  /** The intake the citizens' Telegram bot should use: with the officer side in front when officers link that bot. */
  citizenIntake(intake: WebhookIntake): WebhookIntake;
  registerRoutes(server: FastifyInstance, intake: WebhookIntake): void;
  start(intake: WebhookIntake): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The officer side of Telegram in the web process. With `OFFICER_TELEGRAM_BOT_TOKEN`, a bot of its
 * own at /webhooks/telegram-officer (or polling, as `TELEGRAM_MODE` says) where every update is an
 * officer's; without it, officers use the citizens' bot, whose intake then hands their commands
 * and presses to the officer side first.
 */
export function officerTelegram(config: Config, deps: OfficerTelegramDeps): OfficerTelegram {
  const bot = alertBotOf(config);
  const own =
    bot?.bot === 'officer'
      ? telegramEndpoints({
          connection: bot.connection,
          mode: config.TELEGRAM_MODE,
          secret: config.OFFICER_TELEGRAM_WEBHOOK_SECRET,
          path: '/webhooks/telegram-officer',
          publicUrl: config.PUBLIC_URL,
          logger: deps.logger,
        })
      : null;
  return {
    citizenIntake: (intake) =>
      bot?.bot === 'citizen' ? withOfficerTelegram(intake, deps, 'citizen') : intake,
    registerRoutes: (server, intake) =>
      own?.registerRoutes(server, withOfficerTelegram(intake, deps, 'officer')),
    start: async (intake) => own?.start(withOfficerTelegram(intake, deps, 'officer')),
    stop: async () => own?.stop(),
  };
}
