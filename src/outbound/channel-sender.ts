import type { Channel } from '../engine/channel.ts';
import type { OutboundPayload } from './outbound-payload.ts';

/**
 * The outbound half of a channel adapter. `send` resolves once the platform accepted the call and
 * throws `PlatformRejectedError` or `NetworkError` otherwise.
 */
export interface ChannelSender {
  readonly channel: Channel;
  send(chatId: string, payload: OutboundPayload): Promise<void>;
}
