import { createIdentityHasher } from '../../src/platform/identity/identity-hasher.ts';
import { createLogger } from '../../src/platform/observability/create-logger.ts';
import { type App, createApp } from '../../src/processes/create-web-app.ts';
import { deliverUpdate } from '../fakes/deliver-telegram-update.ts';
import { FakeTelegramServer, type SentMessage } from '../fakes/fake-telegram-server.ts';
import { TelegramUpdateBuilder } from '../fakes/telegram-updates.ts';
import { pendingWorkOf } from './pending-work.ts';
import { createPrivateDatabase } from './private-database.ts';
import { testConfig } from './test-config.ts';
import { waitUntilChatSettled } from './wait-until-chat-settled.ts';

export interface TelegramHarness {
  app: App;
  /** The app's own database. */
  databaseUrl: string;
  /** Inbound events not yet processed plus outbound messages not yet delivered, for one chat. */
  pendingWork(chatId: string): Promise<number>;
  fake: FakeTelegramServer;
  webhookUrl: string;
  secret: string;
  stop(): Promise<void>;
}

/** The app in-process with its Telegram webhook, talking to a fake Telegram on 127.0.0.1. */
export async function startTelegramHarness(overrides: Record<string, string> = {}): Promise<TelegramHarness> {
  const fake = await FakeTelegramServer.start();
  // A database of its own: an app processes every pending event and message of its database, with
  // its own keys and its own fake Telegram, so two apps must never share one.
  const database = overrides.DATABASE_URL ? null : await createPrivateDatabase();
  const config = testConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...overrides,
  });
  const app = createApp(config, createLogger('silent'));
  const address = await app.start();
  const hasher = createIdentityHasher(config.IDENTITY_HASH_KEY);
  return {
    app,
    databaseUrl: config.DATABASE_URL,
    fake,
    pendingWork: (chatId) => pendingWorkOf(app.db, hasher.hash('telegram', chatId)),
    webhookUrl: `${address}/webhooks/telegram`,
    secret: config.TELEGRAM_WEBHOOK_SECRET ?? '',
    async stop() {
      await app.stop();
      await fake.close();
      await database?.drop();
    },
  };
}

/** A citizen with their own chat id, so tests sharing the run's database never meet. */
export function newCitizen(language: 'vi' | 'en' = 'vi'): TelegramUpdateBuilder {
  const id = 1_000_000_000 + Math.floor(Math.random() * 8_000_000_000);
  return new TelegramUpdateBuilder({
    firstUpdateId: Math.floor(Math.random() * 2_000_000_000),
    user: { id, language_code: language },
  });
}

/**
 * A citizen's side of the chat: sends an update and waits for the bot's answer to it, so a test
 * reads like the conversation it checks.
 */
export class Chat {
  constructor(
    readonly harness: TelegramHarness,
    readonly citizen: TelegramUpdateBuilder,
  ) {}

  get chatId(): string {
    return String(this.citizen.user.id);
  }

  messages(): SentMessage[] {
    return this.harness.fake.sentMessages(this.chatId);
  }

  last(): SentMessage {
    const all = this.messages();
    const message = all.at(-1);
    if (!message) throw new Error('the bot has sent nothing to this chat');
    return message;
  }

  /** Delivers an update, expects 200, and waits until every answer to it has been delivered. */
  async send(update: object): Promise<SentMessage[]> {
    const before = this.messages().length;
    const status = await deliverUpdate(
      this.harness.webhookUrl,
      update,
      this.harness.secret,
      this.harness.fake,
    );
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    await this.settled();
    return this.messages().slice(before);
  }

  /** Waits until the chat's inbound events are processed and its outbound messages delivered. */
  settled(): Promise<void> {
    return waitUntilChatSettled(() => this.harness.pendingWork(this.chatId));
  }

  text(text: string) {
    return this.send(this.citizen.text(text));
  }

  /**
   * Presses the button whose label contains `label` on the bot's latest keyboard: an inline button
   * sends its callback, a reply-keyboard button sends its label as text (as Telegram does).
   */
  press(label: string) {
    const markup = this.last().replyMarkup as { keyboard?: { text: string }[][] } | undefined;
    const keyboardButton = markup?.keyboard?.flat().find((b) => b.text.includes(label));
    if (keyboardButton) return this.send(this.citizen.text(keyboardButton.text));
    return this.send(this.citizen.callbackQuery(this.callbackData(label)));
  }

  callbackData(label: string): string {
    const markup = this.last().replyMarkup as
      | { inline_keyboard?: { text: string; callback_data: string }[][] }
      | undefined;
    const buttons = markup?.inline_keyboard?.flat() ?? [];
    const button = buttons.find((b) => b.text.includes(label));
    if (!button) throw new Error(`no button "${label}" among ${buttons.map((b) => b.text).join(' | ')}`);
    return button.callback_data;
  }
}
