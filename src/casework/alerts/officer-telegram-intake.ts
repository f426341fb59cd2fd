import type { ChannelAdapter } from '../../citizen/channels/channel-adapter.ts';
import type { RecordResult, WebhookIntake } from '../../citizen/channels/webhook-intake.ts';
import { handleOfficerTelegramUpdate } from './handle-officer-telegram-update.ts';
import { readOfficerTelegramCommand } from './officer-telegram-command.ts';
import type { AlertBot, OfficerTelegramDeps } from './officer-telegram-deps.ts';

/**
 * The Telegram intake with the officer side in front. On the citizens' bot (`bot` 'citizen') an
 * officer's `/link`, `/unlink` and alert presses are handled here, committed before the 200 like
 * every event, and answered in it; everything else goes on to the citizen intake untouched. On
 * the officer bot every update is the officer side's, and nothing reaches the citizen intake.
 */
export function withOfficerTelegram(
  intake: WebhookIntake,
  deps: OfficerTelegramDeps,
  bot: AlertBot,
): WebhookIntake {
  const everything = bot === 'officer';
  return {
    logger: intake.logger,
    recorded: (result) => intake.recorded(result),
    async record(adapter: ChannelAdapter, raw: Buffer): Promise<RecordResult> {
      // Nearly every update is a citizen's: a byte search spares them a second JSON parse.
      if (!everything && !officerMarkers.some((marker) => raw.includes(marker)))
        return intake.record(adapter, raw);
      const command = readOfficerTelegramCommand(parseJson(raw), everything);
      if (command === null) {
        if (everything) return { kind: 'duplicate', platformKey: 'ignored', webhookAnswer: null };
        return intake.record(adapter, raw);
      }
      const answer = await handleOfficerTelegramUpdate(deps, bot, command);
      return {
        kind: 'recorded',
        platformKey: String(command.updateId),
        chatKey: null,
        webhookAnswer: answer,
      };
    },
  };
}

/** What an officer's command or press holds somewhere in its JSON (`/unlink` holds no `/link`). */
const officerMarkers = ['/link', '/unlink', '"o|'];

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}
