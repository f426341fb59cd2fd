import type { ParityChannelFactory } from './parity-channel.ts';
import { startTelegramParityChannel } from './telegram-parity-channel.ts';
import { startWebChatParityChannel } from './web-chat-parity-channel.ts';
import { startZaloBotParityChannel } from './zalo-bot-parity-channel.ts';
import { startZaloOaParityChannel } from './zalo-oa-parity-channel.ts';

/**
 * Every channel the parity suites run over, through HTTP against each platform's fake server. A
 * new channel adds its driver here, with what a citizen can send there beyond text and choices
 * (the driver offers the matching verbs).
 */
export const parityChannels: {
  name: string;
  start: ParityChannelFactory;
  commands: boolean;
  location: boolean;
  photos: boolean;
}[] = [
  { name: 'telegram', start: startTelegramParityChannel, commands: true, location: true, photos: true },
  { name: 'zalo_oa', start: startZaloOaParityChannel, commands: false, location: true, photos: true },
  { name: 'zalo_bot', start: startZaloBotParityChannel, commands: true, location: false, photos: true },
  { name: 'web', start: startWebChatParityChannel, commands: false, location: true, photos: false },
];
