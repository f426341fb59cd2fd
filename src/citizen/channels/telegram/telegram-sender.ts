import type { ChannelSender } from '../channel-sender.ts';
import type { OutboundPayload } from '../outbound-payload.ts';
import { splitMessageText } from '../split-message-text.ts';
import { renderTelegramMessage } from './render-telegram-message.ts';
import { createTelegramApi, type TelegramConnection } from './telegram-api.ts';

/** Telegram refuses longer message texts. */
const MAX_TEXT_LENGTH = 4096;

export interface TelegramSenderOptions extends TelegramConnection {
  /** Per Bot API call; 10 s by default. */
  timeoutMs?: number;
}

/**
 * The outbound half of the Telegram adapter. `send` resolves once Telegram accepted every call and
 * throws `PlatformRejectedError` or `NetworkError` otherwise. A reply longer than 4,096 characters
 * goes out as several messages with the buttons on the last; when a later part fails, a retry
 * sends the earlier parts again (a duplicate is better than a lost part).
 */
export function createTelegramSender(options: TelegramSenderOptions): ChannelSender {
  const api = createTelegramApi(options);
  const callOptions = { timeoutMs: options.timeoutMs ?? 10_000 };
  return {
    channel: 'telegram',
    async send(chatId: string, payload: OutboundPayload): Promise<void> {
      if (payload.type === 'answer_callback') {
        await api.call('answerCallbackQuery', { callback_query_id: payload.callbackQueryId }, callOptions);
        return;
      }
      const { text, reply_markup } = renderTelegramMessage(payload.reply);
      const parts = splitMessageText(text, MAX_TEXT_LENGTH);
      for (const [index, part] of parts.entries()) {
        const last = index === parts.length - 1;
        await api.call(
          'sendMessage',
          last ? { chat_id: chatId, text: part, reply_markup } : { chat_id: chatId, text: part },
          callOptions,
        );
      }
    },
  };
}
