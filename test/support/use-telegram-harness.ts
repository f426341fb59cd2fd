import { afterAll, beforeAll } from 'vitest';
import { startTelegramHarness, type TelegramHarness } from './telegram-harness.ts';

/**
 * Starts the in-process Telegram harness before the file's tests (on a database of its own
 * unless `overrides` names one) and stops it after them. The harness returned forwards to the
 * started one, so `new Chat(harness, …)` and `harness.fake` work inside the tests; its `stop` does
 * nothing, the afterAll stops it.
 */
export function useTelegramHarness(overrides: Record<string, string> = {}): TelegramHarness {
  let started: TelegramHarness | undefined;
  beforeAll(async () => {
    started = await startTelegramHarness(overrides);
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
  });
  const harness = (): TelegramHarness => {
    if (!started) throw new Error('the Telegram harness starts in beforeAll: use it inside a test');
    return started;
  };
  return {
    get app() {
      return harness().app;
    },
    get databaseUrl() {
      return harness().databaseUrl;
    },
    get fake() {
      return harness().fake;
    },
    get webhookUrl() {
      return harness().webhookUrl;
    },
    get secret() {
      return harness().secret;
    },
    pendingWork: (chatId) => harness().pendingWork(chatId),
    async stop() {},
  };
}
