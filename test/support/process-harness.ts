import { Queue } from 'bullmq';
import { createDatabaseClient, type Database } from '../../src/platform/database/create-database-client.ts';
import type { IdentityHasher } from '../../src/platform/identity/identity-hasher.ts';
import {
  createIdentityProtection,
  type IdentityProtection,
} from '../../src/platform/identity/identity-protection.ts';
import { queueNames } from '../../src/triage/queues/queue-names.ts';
import { FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { pendingWorkOf } from './pending-work.ts';
import { createPrivateDatabase, type PrivateDatabase } from './private-database.ts';
import { type RedisInstance, startRedisInstance } from './redis-instance.ts';
import { killAllServiceProcesses } from './service-process.ts';
import type { TelegramHarness } from './telegram-harness.ts';
import { testEnvironment } from './test-config.ts';

/**
 * What `Chat` needs when the app runs in child processes: the fake Telegram, the webhook of the
 * moment (`webhookUrl()` is asked on every delivery, so a test can switch processes), and the
 * chat's pending work read from the database the processes share. `options` is read on every use,
 * so its fields may be getters of values set later (in a beforeAll).
 */
export function createProcessHarness(options: {
  readonly fake: FakeTelegramServer;
  readonly db: Database;
  readonly hasher: IdentityHasher;
  readonly secret: string;
  webhookUrl: () => string;
}): TelegramHarness {
  return {
    get app(): never {
      throw new Error('the app runs in a child process');
    },
    get databaseUrl(): never {
      throw new Error('the app runs in a child process: use the stack env DATABASE_URL');
    },
    get fake() {
      return options.fake;
    },
    get webhookUrl() {
      return options.webhookUrl();
    },
    get secret() {
      return options.secret;
    },
    pendingWork: (chatId) => pendingWorkOf(options.db, options.hasher.hash('telegram', chatId)),
    async stop() {},
  };
}

/** What a fault test runs its worker and web processes against. */
export interface FaultStack {
  readonly database: PrivateDatabase;
  readonly redis: RedisInstance;
  /** The fake Telegram the processes talk to; throws unless started with `telegram: true`. */
  telegram(): FakeTelegramServer;
  /** A client of the private database, for the test's own reads. */
  readonly db: Database;
  /** The environment for `startServiceProcess`: worker on a free port, short locks, a reconciler every second. */
  readonly env: Record<string, string>;
  /** The identity keys of `env`, to seed reports as the processes would write them. */
  readonly protection: IdentityProtection;
  /**
   * What `Chat` and `PlatformChat` need to talk to the processes through the fake Telegram (so
   * only with `telegram: true`); `webhookUrl` is asked on every delivery, so a test can switch web
   * processes: `stack.processHarness(() => web.webhookUrl)`.
   */
  processHarness(webhookUrl: () => string): TelegramHarness;
  /** Runs `use` on the triage queue in the stack's Redis and queue prefix, closed after. */
  withTriageQueue<T>(use: (queue: Queue) => Promise<T>): Promise<T>;
  /** Triage jobs BullMQ holds as failed in the stack's Redis and queue prefix. */
  failedTriageJobs(): Promise<number>;
  /** Kills every service process, then closes and drops everything above (for afterAll). */
  stop(): Promise<void>;
}

/**
 * A private database, a Redis of its own and (with `telegram`) a fake Telegram, with the
 * environment the fault tests share. Stops whatever did start if one of them fails.
 */
export async function startFaultStack(options: {
  queuePrefix: string;
  telegram?: boolean;
  /** Connections of the test's own database client. */
  dbConnections: number;
  /** Added to (and overriding) the shared environment. */
  env?: Record<string, string>;
  /** Appended to the Redis command line (`['--maxmemory-policy', 'allkeys-lru']`). */
  redisArguments?: string[];
}): Promise<FaultStack> {
  const [database, redis, fake] = await Promise.allSettled([
    createPrivateDatabase(),
    startRedisInstance(options.redisArguments),
    options.telegram ? FakeTelegramServer.start() : Promise.resolve(undefined),
  ]);
  if (database.status === 'rejected' || redis.status === 'rejected' || fake.status === 'rejected') {
    if (redis.status === 'fulfilled') await redis.value.stop();
    if (fake.status === 'fulfilled') await fake.value?.close();
    if (database.status === 'fulfilled') await database.value.drop();
    const failed = [database, redis, fake].find((result) => result.status === 'rejected');
    throw failed?.reason;
  }
  const env = testEnvironment({
    DATABASE_URL: database.value.url,
    REDIS_URL: redis.value.url,
    QUEUE_PREFIX: options.queuePrefix,
    ...(fake.value
      ? {
          DATABASE_POOL_SIZE: '4',
          TELEGRAM_BOT_TOKEN: fake.value.token,
          TELEGRAM_API_ROOT: fake.value.apiRoot,
        }
      : {}),
    WORKER_HOST: '127.0.0.1',
    WORKER_PORT: '0',
    QUEUE_LOCK_DURATION_MS: '2000',
    RECONCILE_INTERVAL_SECONDS: '1',
    RECONCILE_GRACE_SECONDS: '2',
    ...options.env,
  });
  const db = createDatabaseClient(database.value.url, options.dbConnections);
  const protection = createIdentityProtection({
    encryptionKey: Buffer.from(env.IDENTITY_ENCRYPTION_KEY ?? '', 'base64'),
    hashKey: Buffer.from(env.IDENTITY_HASH_KEY ?? '', 'base64'),
  });
  const telegram = () => {
    if (!fake.value) throw new Error('started without a fake Telegram (telegram: true)');
    return fake.value;
  };
  const withTriageQueue = async <T>(use: (queue: Queue) => Promise<T>): Promise<T> => {
    const connection = redis.value.client();
    const queue = new Queue(queueNames.triage, { connection, prefix: options.queuePrefix });
    try {
      return await use(queue);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  };
  return {
    database: database.value,
    redis: redis.value,
    telegram,
    db,
    env,
    protection,
    processHarness: (webhookUrl) =>
      createProcessHarness({
        fake: telegram(),
        db,
        hasher: protection.hasher,
        secret: env.TELEGRAM_WEBHOOK_SECRET ?? '',
        webhookUrl,
      }),
    withTriageQueue,
    failedTriageJobs: () =>
      withTriageQueue(async (queue) => {
        const { failed } = await queue.getJobCounts('failed');
        if (failed === undefined) throw new Error('BullMQ gave no count of failed jobs');
        return failed;
      }),
    async stop() {
      await killAllServiceProcesses();
      await db.$disconnect();
      await redis.value.stop();
      await fake.value?.close();
      await database.value.drop();
    },
  };
}
