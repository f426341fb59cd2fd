import type { SentMessage } from '../fakes/fake-telegram-server.ts';
import { TelegramUpdateBuilder } from '../fakes/telegram-updates.ts';
import { Chat, newCitizen, startTelegramHarness } from '../support/telegram-harness.ts';
import type { ParityChannel, ParityChat, ParityCitizen, ParityReply } from './parity-channel.ts';

/** Telegram through its webhook: options are inline buttons (or a reply keyboard). */
export async function startTelegramParityChannel(): Promise<ParityChannel> {
  const harness = await startTelegramHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
  return {
    name: 'telegram',
    databaseUrl: harness.databaseUrl,
    protection: harness.app.protection,
    db: harness.app.db,
    newChat: async (citizen) => telegramParityChat(new Chat(harness, named(newCitizen(), citizen))),
    stop: () => harness.stop(),
  };
}

/** The shared verbs over one Telegram chat, for scripts and for tests of what only Telegram does. */
export function telegramParityChat(chat: Chat): ParityChat {
  /** How many of the chat's messages a verb has returned: the rest came unasked. */
  let seen = 0;
  const replies = async (sent: Promise<SentMessage[]>) => {
    const messages = await sent;
    seen = chat.messages().length;
    return toReplies(messages);
  };
  return {
    start: () => replies(chat.send(chat.citizen.start())),
    say: (text) => replies(chat.text(text)),
    choose: (label) => replies(chat.press(label)),
    shareLocation: (latitude, longitude) => replies(chat.send(chat.citizen.location(latitude, longitude))),
    sendPhoto: (caption) => replies(chat.send(chat.citizen.photo({ caption }))),
    received: async () => {
      await chat.settled();
      return replies(Promise.resolve(chat.messages().slice(seen)));
    },
  };
}

/** The same citizen, with the profile name and username Telegram sends with each update. */
function named(citizen: TelegramUpdateBuilder, as: ParityCitizen | undefined): TelegramUpdateBuilder {
  if (!as) return citizen;
  return new TelegramUpdateBuilder({
    firstUpdateId: citizen.peekNextUpdateId(),
    user: {
      ...citizen.user,
      first_name: as.name,
      last_name: as.name,
      username: as.name.replaceAll(' ', '_'),
    },
  });
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
