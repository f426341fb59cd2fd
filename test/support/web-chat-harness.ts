import type { Config } from '../../src/platform/config/load-config.ts';
import { createIdentityHasher } from '../../src/platform/identity/identity-hasher.ts';
import { createLogger } from '../../src/platform/observability/create-logger.ts';
import { type App, createApp } from '../../src/processes/create-web-app.ts';
import { createPrivateDatabase } from './private-database.ts';
import { testConfig } from './test-config.ts';

export interface WebChatHarness {
  app: App;
  config: Config;
  /** The harness's own database, where reports are read back. */
  databaseUrl: string;
  /** `http://127.0.0.1:<port>`: the page is at `${baseUrl}/chat`. */
  baseUrl: string;
  /** The keyed hash the intake stores for a web chat id (`chat_key`, `reporter.identity_hash`). */
  chatKey(chatId: string): string;
  stop(): Promise<void>;
}

/**
 * The app in-process with only its web chat (no platform token), on a database of its own. Client
 * addresses come from `X-Forwarded-For` (`TRUST_PROXY`), so a test can speak from several.
 */
export async function startWebChatHarness(overrides: Record<string, string> = {}): Promise<WebChatHarness> {
  const database = await createPrivateDatabase();
  const config = testConfig({ DATABASE_URL: database.url, TRUST_PROXY: 'true', ...overrides });
  const app = createApp(config, createLogger('silent'));
  const baseUrl = await app.start();
  const hasher = createIdentityHasher(config.IDENTITY_HASH_KEY);
  return {
    app,
    config,
    databaseUrl: database.url,
    baseUrl,
    chatKey: (chatId) => hasher.hash('web', chatId),
    async stop() {
      await app.stop();
      await database.drop();
    },
  };
}
