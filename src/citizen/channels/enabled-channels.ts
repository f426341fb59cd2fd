import type { ChannelFactory, ChannelModule, ChannelRuntime } from './channel-module.ts';
import { telegramChannel } from './telegram/telegram-channel.ts';
import { webChatChannel } from './web/web-chat-channel.ts';
import { zaloBotChannel } from './zalo-bot/zalo-bot-channel.ts';
import { zaloOaChannel } from './zalo-oa/zalo-oa-channel.ts';

/** Every channel the system knows. A new channel is one more factory here. */
export const channelFactories: readonly ChannelFactory[] = [
  telegramChannel,
  zaloBotChannel,
  webChatChannel,
  zaloOaChannel,
];

/** The channels this configuration enables. */
export function createChannels(runtime: ChannelRuntime): ChannelModule[] {
  return channelFactories.flatMap((factory) => factory(runtime) ?? []);
}
