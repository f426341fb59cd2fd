import type { ZaloSentMessage } from '../fakes/fake-zalo-oa-server.ts';
import { waitUntilChatSettled } from '../support/wait-until-chat-settled.ts';
import { startZaloOaHarness, ZaloChat } from '../support/zalo-oa-harness.ts';
import { numberedOptions } from './numbered-options.ts';
import type { ParityChannel, ParityChat, ParityReply } from './parity-channel.ts';

/**
 * Zalo OA through its signed webhook: up to five options are `oa.query.hide` buttons (their
 * payload comes back as text), longer lists are numbered and answered by typing the number.
 */
export async function startZaloOaParityChannel(): Promise<ParityChannel> {
  const harness = await startZaloOaHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
  return {
    name: 'zalo_oa',
    databaseUrl: harness.config.DATABASE_URL,
    protection: harness.app.protection,
    db: harness.app.db,
    newChat: async () => zaloOaParityChat(new ZaloChat(harness)),
    stop: () => harness.stop(),
  };
}

/** The shared verbs over one Zalo OA chat: a button where the latest message has it, else its number. */
export function zaloOaParityChat(chat: ZaloChat): ParityChat {
  /** How many of the chat's messages a verb has returned: the rest came unasked. */
  let seen = 0;
  const replies = async (sent: Promise<ZaloSentMessage[]>) => {
    const messages = await sent;
    seen = chat.messages().length;
    return toReplies(messages);
  };
  return {
    start: () => replies(chat.text('Xin chào')),
    say: (text) => replies(chat.text(text)),
    choose(label) {
      const last = chat.messages().at(-1);
      if (last?.buttons.some((b) => b.title.includes(label))) return replies(chat.press(label));
      return replies(chat.typeNumberOf(label));
    },
    // Zalo sends the coordinates as strings.
    shareLocation: (latitude, longitude) =>
      replies(chat.send(chat.citizen.location(String(latitude), String(longitude)))),
    sendPhoto: (caption) =>
      replies(chat.send(chat.citizen.image(`https://f1.media.invalid/${chat.userId}.jpg`, caption))),
    received: async () => {
      await waitUntilChatSettled(() => chat.harness.pendingWork(chat.userId));
      return replies(Promise.resolve(chat.messages().slice(seen)));
    },
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
