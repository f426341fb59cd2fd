import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { OutboundPayload } from './outbound-payload.ts';

/**
 * The outbound half of a channel adapter. `send` resolves once the platform accepted the call and
 * throws `PlatformRejectedError` or `NetworkError` otherwise.
 */
export interface ChannelSender {
  readonly channel: Channel;
  /**
   * How long after the reporter's last message the platform still lets us write to them (Zalo OA:
   * 7 days). A reply due later is not sent; it is marked failed with the reason. None: no limit.
   */
  readonly replyWindowMs?: number;
  send(chatId: string, payload: OutboundPayload): Promise<void>;
}
