import type { ZaloBotSentMessage } from '../fakes/fake-zalo-bot-server.ts';
import { startZaloBotHarness, ZaloBotChat } from '../support/zalo-bot-harness.ts';
import { numberedOptions } from './numbered-options.ts';
import type { ParityChannel, ParityReply } from './parity-channel.ts';

/** Zalo Bot Platform through its webhook: no buttons, so every option is typed as its number. */
export async function startZaloBotParityChannel(): Promise<ParityChannel> {
  const harness = await startZaloBotHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
  return {
    name: 'zalo_bot',
    databaseUrl: harness.databaseUrl,
    async newChat() {
      const chat = new ZaloBotChat(harness);
      return {
        start: async () => toReplies(await chat.text('Xin chào')),
        say: async (text) => toReplies(await chat.text(text)),
        choose: async (label) => toReplies(await chat.choose(label)),
      };
    },
    stop: () => harness.stop(),
  };
}

function toReplies(messages: ZaloBotSentMessage[]): ParityReply[] {
  return messages.map((message) => ({ text: message.text, options: numberedOptions(message.text) }));
}
