import type { ChannelSender } from '../channel-sender.ts';
import type { OutboundPayload } from '../outbound-payload.ts';
import { renderZaloMessages, type ZaloRenderOptions } from './render-zalo-messages.ts';
import { ZaloApiError } from './zalo-api-error.ts';
import type { ZaloMessage, ZaloOaApi } from './zalo-oa-api.ts';
import type { ZaloTokenStore } from './zalo-token-store.ts';

/** Zalo lets an OA write to a citizen for 7 days after the citizen's last message. */
export const ZALO_REPLY_WINDOW_MS = 7 * 24 * 3_600_000;

export interface ZaloOaSenderOptions extends ZaloRenderOptions {
  api: Pick<ZaloOaApi, 'sendMessage'>;
  tokens: Pick<ZaloTokenStore, 'accessToken' | 'replaceRejected'>;
}

/**
 * The outbound half of the Zalo OA adapter. `send` resolves once Zalo accepted every message of
 * the reply and throws otherwise: `ZaloApiError` (-230/-232 outside the window: not retried; -32
 * rate limit: retried), `PlatformRejectedError` for 5xx, `NetworkError`, or an AppError
 * `zalo_reconsent_required`. An access token Zalo refuses (-216/-220) is replaced once and the
 * message sent again. When a later part of a split reply fails, a retry sends the earlier parts
 * again (a duplicate is better than a lost part).
 */
export function createZaloOaSender(options: ZaloOaSenderOptions): ChannelSender {
  const sendOne = async (userId: string, message: ZaloMessage) => {
    const token = await options.tokens.accessToken();
    try {
      await options.api.sendMessage(token, userId, message);
    } catch (error) {
      if (!(error instanceof ZaloApiError) || !error.isTokenError) throw error;
      const replaced = await options.tokens.replaceRejected(token);
      await options.api.sendMessage(replaced, userId, message);
    }
  };
  return {
    channel: 'zalo_oa',
    replyWindowMs: ZALO_REPLY_WINDOW_MS,
    async send(chatId: string, payload: OutboundPayload): Promise<void> {
      // Zalo has no callback queries: a button press is an ordinary message.
      if (payload.type !== 'reply') return;
      for (const message of renderZaloMessages(payload.reply, options)) await sendOne(chatId, message);
    },
  };
}
