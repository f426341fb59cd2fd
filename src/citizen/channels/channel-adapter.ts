import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { ChannelCapabilities } from '../engine/inbound-message.ts';
import type { ParsedInbound } from './parsed-inbound.ts';

/** The inbound half of a channel adapter, as the intake uses it. */
export interface ChannelAdapter {
  readonly channel: Channel;
  readonly capabilities: ChannelCapabilities;
  /**
   * The dedupe key and chat of a raw payload, read before anything is stored. Throws when the
   * payload has no usable key (it is then quarantined under a hash of its bytes).
   */
  readKey(body: unknown): { platformKey: string; chatId: string | null };
  /** The whole payload for the engine; throws on a broken payload so it is quarantined. */
  parse(body: unknown): ParsedInbound | null;
  /**
   * A platform call to make in the webhook's 200 answer, for platforms that run one given there
   * (Telegram runs a Bot API method named in the answer's JSON body): null for none.
   */
  webhookAnswer?(body: unknown): Record<string, unknown> | null;
}
