import type { ZaloBotSentMessage } from '../fakes/fake-zalo-bot-server.ts';
import { startZaloBotHarness, ZaloBotChat } from '../support/zalo-bot-harness.ts';
import { numberedOptions } from './numbered-options.ts';
import type { ParityChannel, ParityChat, ParityReply } from './parity-channel.ts';

/** What the Bot Platform takes in one message; every reply of every script must fit. */
const maxCharacters = 2000;

/** Zalo Bot Platform through its webhook: no buttons, so every option is typed as its number. */
export async function startZaloBotParityChannel(): Promise<ParityChannel> {
  const harness = await startZaloBotHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
  return {
    name: 'zalo_bot',
    databaseUrl: harness.databaseUrl,
    protection: harness.app.protection,
    db: harness.app.db,
    newChat: async () => zaloBotParityChat(new ZaloBotChat(harness)),
    stop: () => harness.stop(),
  };
}

/** The shared verbs over one Zalo Bot chat (no location pins on this channel). */
export function zaloBotParityChat(chat: ZaloBotChat): ParityChat {
  /** How many of the chat's messages a verb has returned: the rest came unasked. */
  let seen = 0;
  const replies = async (sent: Promise<ZaloBotSentMessage[]>) => {
    const messages = await sent;
    seen = chat.messages().length;
    return toReplies(messages);
  };
  return {
    start: () => replies(chat.text('Xin chào')),
    say: (text) => replies(chat.text(text)),
    choose: (label) => replies(chat.choose(label)),
    sendPhoto: (caption) =>
      replies(chat.send(chat.citizen.photo(`https://f20.zdn.vn/${chat.chatId}.jpg`, caption))),
    received: async () => {
      await chat.settled();
      return replies(Promise.resolve(chat.messages().slice(seen)));
    },
  };
}

function toReplies(messages: ZaloBotSentMessage[]): ParityReply[] {
  return messages.map((message) => {
    if ([...message.text].length > maxCharacters)
      throw new Error(`a message of ${[...message.text].length} characters: ${message.text.slice(0, 200)}`);
    return { text: message.text, options: numberedOptions(message.text) };
  });
}
