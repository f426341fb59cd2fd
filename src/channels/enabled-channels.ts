import type { ChannelFactory, ChannelModule, ChannelRuntime } from './channel-module.ts';
import { telegramChannel } from './telegram/telegram-channel.ts';

/** Every channel the system knows. A new channel is one more factory here. */
export const channelFactories: readonly ChannelFactory[] = [telegramChannel];

/** The channels this configuration enables. */
export function createChannels(runtime: ChannelRuntime): ChannelModule[] {
  return channelFactories.flatMap((factory) => factory(runtime) ?? []);
}
