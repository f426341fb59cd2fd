import type { ChannelSender } from '../channel-sender.ts';
import type { OutboundPayload } from '../outbound-payload.ts';
import { splitMessageText } from '../split-message-text.ts';
import { renderZaloBotMessage } from './render-zalo-bot-message.ts';
import { createZaloBotApi, type ZaloBotConnection } from './zalo-bot-api.ts';

/** The Bot Platform refuses longer `sendMessage` texts. */
export const ZALO_BOT_MAX_TEXT_LENGTH = 2000;

export interface ZaloBotSenderOptions extends ZaloBotConnection {
  /** Per call; 10 s by default. */
  timeoutMs?: number;
}

/**
 * The outbound half of the Zalo Bot adapter. `send` resolves once the platform accepted every
 * `sendMessage` and throws `PlatformRejectedError` or `NetworkError` otherwise. A reply longer than
 * 2,000 characters goes out as several messages, the numbered choices at the end; when a later
 * part fails, a retry sends the earlier parts again (a duplicate is better than a lost part).
 * There are no buttons, so a stored callback answer (a Telegram notion) is a no-op here.
 */
export function createZaloBotSender(options: ZaloBotSenderOptions): ChannelSender {
  const api = createZaloBotApi(options);
  const callOptions = { timeoutMs: options.timeoutMs ?? 10_000 };
  return {
    channel: 'zalo_bot',
    async send(chatId: string, payload: OutboundPayload): Promise<void> {
      if (payload.type !== 'reply') return;
      const text = renderZaloBotMessage(payload.reply);
      for (const part of splitMessageText(text, ZALO_BOT_MAX_TEXT_LENGTH)) {
        await api.call('sendMessage', { chat_id: chatId, text: part }, callOptions);
      }
    },
  };
}
