import type { SentMessage } from '../fakes/fake-telegram-server.ts';
import { Chat, newCitizen, startTelegramHarness } from '../support/telegram-harness.ts';
import type { ParityChannel, ParityChat, ParityReply } from './parity-channel.ts';

/** Telegram through its webhook: options are inline buttons (or a reply keyboard). */
export async function startTelegramParityChannel(): Promise<ParityChannel> {
  const harness = await startTelegramHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
  return {
    name: 'telegram',
    databaseUrl: harness.databaseUrl,
    protection: harness.app.protection,
    newChat: async () => telegramParityChat(new Chat(harness, newCitizen())),
    stop: () => harness.stop(),
  };
}

/** The shared verbs over one Telegram chat, for scripts and for tests of what only Telegram does. */
export function telegramParityChat(chat: Chat): ParityChat {
  return {
    start: async () => toReplies(await chat.send(chat.citizen.start())),
    say: async (text) => toReplies(await chat.text(text)),
    choose: async (label) => toReplies(await chat.press(label)),
    shareLocation: async (latitude, longitude) =>
      toReplies(await chat.send(chat.citizen.location(latitude, longitude))),
    sendPhoto: async (caption) => toReplies(await chat.send(chat.citizen.photo({ caption }))),
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
