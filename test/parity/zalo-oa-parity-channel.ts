import type { ZaloSentMessage } from '../fakes/fake-zalo-oa-server.ts';
import { startZaloOaHarness, ZaloChat } from '../support/zalo-oa-harness.ts';
import { numberedOptions } from './numbered-options.ts';
import type { ParityChannel, ParityReply } from './parity-channel.ts';

/**
 * Zalo OA through its signed webhook: up to five options are `oa.query.hide` buttons (their
 * payload comes back as text), longer lists are numbered and answered by typing the number.
 */
export async function startZaloOaParityChannel(): Promise<ParityChannel> {
  const harness = await startZaloOaHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
  return {
    name: 'zalo_oa',
    databaseUrl: harness.config.DATABASE_URL,
    async newChat() {
      const chat = new ZaloChat(harness);
      return {
        start: async () => toReplies(await chat.text('Xin chào')),
        say: async (text) => toReplies(await chat.text(text)),
        async choose(label) {
          const last = chat.messages().at(-1);
          if (last?.buttons.some((b) => b.title.includes(label))) return toReplies(await chat.press(label));
          return toReplies(await chat.typeNumberOf(label));
        },
      };
    },
    stop: () => harness.stop(),
  };
}

function toReplies(messages: ZaloSentMessage[]): ParityReply[] {
  return messages
    .filter((message) => message.text !== undefined)
    .map((message) => {
      const text = message.text ?? '';
      const buttons = message.buttons.map((button) => button.title);
      return { text, options: buttons.length > 0 ? buttons : numberedOptions(text) };
    });
}
