import type { SentMessage } from '../fakes/fake-telegram-server.ts';
import { Chat, newCitizen, startTelegramHarness } from '../support/telegram-harness.ts';
import type { ParityChannel, ParityReply } from './parity-channel.ts';

/** Telegram through its webhook: options are inline buttons (or a reply keyboard). */
export async function startTelegramParityChannel(): Promise<ParityChannel> {
  const harness = await startTelegramHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
  return {
    name: 'telegram',
    databaseUrl: harness.databaseUrl,
    async newChat() {
      const chat = new Chat(harness, newCitizen());
      return {
        start: async () => toReplies(await chat.send(chat.citizen.start())),
        say: async (text) => toReplies(await chat.text(text)),
        choose: async (label) => toReplies(await chat.press(label)),
      };
    },
    stop: () => harness.stop(),
  };
}

function toReplies(messages: SentMessage[]): ParityReply[] {
  return messages.map((message) => {
    const markup = message.replyMarkup as
      | { inline_keyboard?: { text: string }[][]; keyboard?: { text: string }[][] }
      | undefined;
    const buttons = markup?.inline_keyboard ?? markup?.keyboard ?? [];
    return { text: message.text, options: buttons.flat().map((button) => button.text) };
  });
}
