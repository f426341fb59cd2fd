import { randomBytes } from 'node:crypto';
import type { Config } from '../../src/platform/config/load-config.ts';
import { createIdentityHasher } from '../../src/platform/identity/identity-hasher.ts';
import { createLogger } from '../../src/platform/observability/create-logger.ts';
import { type App, createApp } from '../../src/processes/create-web-app.ts';
import { ZaloEventBuilder } from '../fakes/fake-zalo-events.ts';
import { FakeZaloOaServer, type ZaloSentMessage } from '../fakes/fake-zalo-oa-server.ts';
import { FakeZaloOAuthServer } from '../fakes/fake-zalo-oauth-server.ts';
import { deliverZaloEvent } from '../fakes/fake-zalo-webhook.ts';
import { pendingWorkOf } from './pending-work.ts';
import { createPrivateDatabase } from './private-database.ts';
import { testConfig } from './test-config.ts';
import { waitUntilChatSettled } from './wait-until-chat-settled.ts';

export interface ZaloOaHarness {
  app: App;
  config: Config;
  oauth: FakeZaloOAuthServer;
  zalo: FakeZaloOaServer;
  webhookUrl: string;
  keys: { appId: string; oaSecretKey: string };
  /** Inbound events not yet processed plus outbound messages not yet settled, for one user. */
  pendingWork(userId: string): Promise<number>;
  citizen(): ZaloEventBuilder;
  stop(): Promise<void>;
}

/** The app in-process with its Zalo OA webhook, talking to fake Zalo API and OAuth hosts. */
export async function startZaloOaHarness(overrides: Record<string, string> = {}): Promise<ZaloOaHarness> {
  const oauth = await FakeZaloOAuthServer.start();
  const zalo = await FakeZaloOaServer.start({ isValidAccessToken: (t) => oauth.isValidAccessToken(t) });
  const database = overrides.DATABASE_URL ? null : await createPrivateDatabase();
  const oaSecretKey = `oa_secret_${randomBytes(10).toString('hex')}`;
  const config = testConfig({
    ZALO_OA_APP_ID: oauth.appId,
    ZALO_OA_APP_SECRET: oauth.appSecret,
    ZALO_OA_SECRET_KEY: oaSecretKey,
    ZALO_OA_REFRESH_TOKEN: oauth.consent(),
    ZALO_OA_API_ROOT: zalo.root,
    ZALO_OAUTH_ROOT: oauth.root,
    // A suffix nothing resolves: media of flow tests is refused without a network (the media
    // tests inject their own address policy).
    ZALO_OA_MEDIA_HOSTS: 'media.invalid',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...overrides,
  });
  const app = createApp(config, createLogger('silent'));
  const address = await app.start();
  const hasher = createIdentityHasher(config.IDENTITY_HASH_KEY);
  const keys = { appId: oauth.appId, oaSecretKey };
  return {
    app,
    config,
    oauth,
    zalo,
    keys,
    webhookUrl: `${address}/webhooks/zalo`,
    pendingWork: (userId) => pendingWorkOf(app.db, hasher.hash('zalo_oa', userId)),
    citizen: () => new ZaloEventBuilder(oauth.appId),
    async stop() {
      await app.stop();
      await zalo.close();
      await oauth.close();
      await database?.drop();
    },
  };
}

/** A citizen's side of a Zalo chat with the OA. */
export class ZaloChat {
  readonly citizen: ZaloEventBuilder;

  constructor(readonly harness: ZaloOaHarness) {
    this.citizen = harness.citizen();
  }

  get userId(): string {
    return this.citizen.userId;
  }

  messages(): ZaloSentMessage[] {
    return this.harness.zalo.sentMessages(this.userId);
  }

  /** The latest message's text (the last text message when a card followed it). */
  lastText(): string {
    const text = this.messages().findLast((m) => m.text !== undefined)?.text;
    if (text === undefined) throw new Error('the OA has sent no text to this citizen');
    return text;
  }

  /** Delivers a signed event, expects 200, and waits until every answer to it has been delivered. */
  async send(event: Record<string, unknown>): Promise<ZaloSentMessage[]> {
    const before = this.messages().length;
    const status = await deliverZaloEvent(this.harness.webhookUrl, event, this.harness.keys);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    await waitUntilChatSettled(() => this.harness.pendingWork(this.userId));
    return this.messages().slice(before);
  }

  text(text: string) {
    return this.send(this.citizen.text(text));
  }

  /** Presses a button of the latest buttons: Zalo sends its `oa.query.hide` payload back as text. */
  press(label: string) {
    const withButtons = this.messages().findLast((m) => m.buttons.length > 0);
    const button = withButtons?.buttons.find((b) => b.title.includes(label));
    if (!button || typeof button.payload !== 'string') {
      throw new Error(`no button "${label}" among ${withButtons?.buttons.map((b) => b.title).join(' | ')}`);
    }
    return this.send(this.citizen.text(button.payload));
  }

  /** Types the number a numbered list in the latest text gives to `label`. */
  typeNumberOf(label: string) {
    const line = this.lastText()
      .split('\n')
      .find((l) => /^\d+\. /.test(l) && l.includes(label));
    const number = line ? /^(\d+)\./.exec(line)?.[1] : undefined;
    if (!number) throw new Error(`no numbered "${label}" in: ${this.lastText()}`);
    return this.text(number);
  }
}
