import type { Database } from '../../src/database/create-database-client.ts';
import type { IdentityHasher } from '../../src/identity/identity-hasher.ts';
import type { FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import type { TelegramHarness } from './telegram-harness.ts';

/**
 * What `Chat` needs when the app runs in child processes: the fake Telegram, the webhook of the
 * moment (`webhookUrl()` is asked on every delivery, so a test can switch processes), and the
 * chat's pending work read from the database the processes share.
 */
export function createProcessHarness(options: {
  fake: FakeTelegramServer;
  db: Database;
  hasher: IdentityHasher;
  secret: string;
  webhookUrl: () => string;
}): TelegramHarness {
  const { db, hasher } = options;
  return {
    get app(): never {
      throw new Error('the app runs in a child process');
    },
    fake: options.fake,
    get webhookUrl() {
      return options.webhookUrl();
    },
    secret: options.secret,
    async pendingWork(chatId) {
      const chatKey = hasher.hash('telegram', chatId);
      const [row] = await db.$queryRaw<{ n: bigint }[]>`
        SELECT (SELECT count(*) FROM inbound_event WHERE chat_key = ${chatKey} AND outcome = 'pending')
             + (SELECT count(*) FROM outbound_message o JOIN reporter r ON r.id = o.reporter_id
                WHERE r.identity_hash = ${chatKey} AND o.status = 'pending') AS n`;
      return Number(row?.n ?? 0);
    },
    async stop() {},
  };
}
