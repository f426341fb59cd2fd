import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../../src/platform/config/load-config.ts';

/** Environment for a test instance of the app: the run's database, fresh keys, a fake Telegram. */
export function testEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: inject('databaseUrl'),
    DATABASE_POOL_SIZE: '6',
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: inject('queuePrefix'),
    OUTBOX_POLL_INTERVAL_MS: '50',
    IDENTITY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    IDENTITY_HASH_KEY: randomBytes(32).toString('base64'),
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: `test_secret_${randomBytes(12).toString('hex')}`,
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig(testEnvironment(overrides));
}
