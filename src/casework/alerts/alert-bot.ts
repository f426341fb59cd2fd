import type { TelegramConnection } from '../../citizen/channels/telegram/telegram-api.ts';
import type { Config } from '../../platform/config/load-config.ts';
import type { AlertBot } from './officer-telegram-deps.ts';

/**
 * The bot officers link and alerts go out through: the separate officer bot when
 * `OFFICER_TELEGRAM_BOT_TOKEN` is set, else the citizens' bot, else none (no alerts).
 */
export function alertBotOf(config: Config): { bot: AlertBot; connection: TelegramConnection } | null {
  const apiRoot = config.TELEGRAM_API_ROOT;
  if (config.OFFICER_TELEGRAM_BOT_TOKEN)
    return { bot: 'officer', connection: { token: config.OFFICER_TELEGRAM_BOT_TOKEN, apiRoot } };
  if (config.TELEGRAM_BOT_TOKEN)
    return { bot: 'citizen', connection: { token: config.TELEGRAM_BOT_TOKEN, apiRoot } };
  return null;
}
