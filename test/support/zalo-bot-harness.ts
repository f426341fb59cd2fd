import { randomBytes } from 'node:crypto';
import { createIdentityHasher } from '../../src/platform/identity/identity-hasher.ts';
import { createLogger } from '../../src/platform/observability/create-logger.ts';
import { type App, createApp } from '../../src/processes/create-web-app.ts';
import { FakeZaloBotServer, type ZaloBotSentMessage } from '../fakes/fake-zalo-bot-server.ts';
import { pendingWorkOf } from './pending-work.ts';
import { createPrivateDatabase } from './private-database.ts';
import { testConfig } from './test-config.ts';
import { waitUntilChatSettled } from './wait-until-chat-settled.ts';

export interface ZaloBotHarness {
  app: App;
  /** The app's own database. */
  databaseUrl: string;
  fake: FakeZaloBotServer;
  webhookUrl: string;
  secret: string;
  /** The keyed hash the intake stores for a Zalo Bot chat (`chat_key`, `reporter.identity_hash`). */
  chatKey(chatId: string): string;
  /** Inbound events not yet processed plus outbound messages not yet delivered, for one chat. */
  pendingWork(chatId: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The app in-process with only its Zalo Bot channel on (webhook mode unless overridden), on a
 * database of its own, talking to a fake Bot Platform on 127.0.0.1.
 */
export async function startZaloBotHarness(overrides: Record<string, string> = {}): Promise<ZaloBotHarness> {
  const fake = await FakeZaloBotServer.start();
  const database = await createPrivateDatabase();
  const config = testConfig({
    DATABASE_URL: database.url,
    ZALO_BOT_TOKEN: fake.token,
    ZALO_BOT_API_ROOT: fake.apiRoot,
    ZALO_BOT_MODE: 'webhook',
    ZALO_BOT_WEBHOOK_SECRET: `zalo_bot_secret_${randomBytes(12).toString('hex')}`,
    ...overrides,
  });
  const app = createApp(config, createLogger('silent'));
  const address = await app.start();
  const hasher = createIdentityHasher(config.IDENTITY_HASH_KEY);
  const chatKey = (chatId: string) => hasher.hash('zalo_bot', chatId);
  return {
    app,
    databaseUrl: database.url,
    fake,
    webhookUrl: `${address}/webhooks/zalo-bot`,
    secret: config.ZALO_BOT_WEBHOOK_SECRET ?? '',
    chatKey,
    pendingWork: (chatId) => pendingWorkOf(app.db, chatKey(chatId)),
    async stop() {
      await app.stop();
      await fake.close();
      await database.drop();
    },
  };
}

/** POSTs a body to the webhook the way the platform does and returns the HTTP status. */
export async function deliverZaloBotUpdate(
  webhookUrl: string,
  body: unknown,
  secret?: string,
  rawBody?: string,
): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) headers['x-bot-api-secret-token'] = secret;
  const response = await fetch(webhookUrl, {
    method: 'POST',
    headers,
    body: rawBody ?? JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Builds the updates one Zalo user sends to the bot, in the documented shape `{ event_name,
 * message }`, each with a fresh `message_id`.
 */
export class ZaloBotCitizen {
  readonly chatId: string;
  private sequence = 0;

  constructor(chatId = randomBytes(8).toString('hex')) {
    this.chatId = chatId;
  }

  nextMessageId(): string {
    this.sequence += 1;
    return `${randomBytes(6).toString('hex')}${this.sequence}`;
  }

  message(event: string, fields: Record<string, unknown>, messageId = this.nextMessageId()) {
    return {
      event_name: event,
      message: {
        message_id: messageId,
        date: Date.now(),
        from: { id: this.chatId, display_name: 'Công dân', is_bot: false },
        chat: { id: this.chatId, chat_type: 'PRIVATE' },
        ...fields,
      },
    };
  }

  text(text: string, messageId?: string) {
    return this.message('message.text.received', { text }, messageId);
  }

  photo(url = `https://photo.zaloapp.example/${randomBytes(6).toString('hex')}.jpg`, caption?: string) {
    return this.message('message.image.received', { photo_url: url, ...(caption ? { caption } : {}) });
  }

  sticker() {
    return this.message('message.sticker.received', {
      sticker: 'sticker-id',
      url: 'https://x.example/s.png',
    });
  }

  unsupported() {
    return this.message('message.unsupported.received', {});
  }
}

/** A citizen's side of a Zalo Bot chat: sends an update and waits for every answer to it. */
export class ZaloBotChat {
  constructor(
    readonly harness: ZaloBotHarness,
    readonly citizen: ZaloBotCitizen = new ZaloBotCitizen(),
  ) {}

  get chatId(): string {
    return this.citizen.chatId;
  }

  messages(): ZaloBotSentMessage[] {
    return this.harness.fake.sentMessages(this.chatId);
  }

  last(): ZaloBotSentMessage {
    const message = this.messages().at(-1);
    if (!message) throw new Error('the bot has sent nothing to this chat');
    return message;
  }

  /** Delivers an update, expects 200, and waits until every answer to it has been delivered. */
  async send(update: unknown): Promise<ZaloBotSentMessage[]> {
    const before = this.messages().length;
    const status = await deliverZaloBotUpdate(this.harness.webhookUrl, update, this.harness.secret);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    await this.settled();
    return this.messages().slice(before);
  }

  settled(): Promise<void> {
    return waitUntilChatSettled(() => this.harness.pendingWork(this.chatId));
  }

  text(text: string): Promise<ZaloBotSentMessage[]> {
    return this.send(this.citizen.text(text));
  }

  /** The numbered choices of the bot's latest message: `[{ number: 1, label: 'Tố giác tội phạm' }, …]`. */
  choices(): { number: number; label: string }[] {
    return numberedChoices(this.last().text);
  }

  /** Types the number of the choice whose label contains `label`, as a citizen without buttons does. */
  choose(label: string): Promise<ZaloBotSentMessage[]> {
    const choices = this.choices();
    const choice = choices.find((c) => c.label.includes(label));
    if (!choice) throw new Error(`no choice "${label}" among ${choices.map((c) => c.label).join(' | ')}`);
    return this.text(String(choice.number));
  }
}

/** Reads the "1. label" lines of a message. */
export function numberedChoices(text: string): { number: number; label: string }[] {
  return [...text.matchAll(/^(\d{1,2})\. (.+)$/gm)].map((m) => ({ number: Number(m[1]), label: m[2] ?? '' }));
}
