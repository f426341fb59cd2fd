import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/platform/config/load-config.ts';
import { type AppError, isAppError } from '../../../src/platform/errors/app-error.ts';

const key = () => randomBytes(32).toString('base64');

/** A complete, valid environment; each test breaks one or two things. */
function validEnvironment(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tinbao',
    IDENTITY_ENCRYPTION_KEY: key(),
    IDENTITY_HASH_KEY: key(),
    TELEGRAM_BOT_TOKEN: '123456:ABC-DEF_ghi',
    TELEGRAM_WEBHOOK_SECRET: 'a_secret_token_of_enough_length',
    ...overrides,
  };
}

function configErrorOf(env: NodeJS.ProcessEnv): AppError<'config'> {
  try {
    loadConfig(env);
  } catch (error) {
    if (isAppError(error, 'config')) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('accepts a complete environment and applies defaults', () => {
    const config = loadConfig(validEnvironment());
    expect(config.PORT).toBe(3000);
    expect(config.TELEGRAM_MODE).toBe('webhook');
    expect(config.IDENTITY_ENCRYPTION_KEY).toHaveLength(32);
    expect(config.DEMO_MODE).toBe(false);
  });

  it('names every wrong variable in one config error: a missing DATABASE_URL and a malformed key', () => {
    const error = configErrorOf(
      validEnvironment({ DATABASE_URL: undefined, IDENTITY_ENCRYPTION_KEY: 'bm90IDMyIGJ5dGVz' }),
    );
    expect(error.details.problems).toHaveLength(2);
    expect(error.details.problems.some((p) => p.startsWith('DATABASE_URL'))).toBe(true);
    expect(
      error.details.problems.some((p) => p.startsWith('IDENTITY_ENCRYPTION_KEY') && p.includes('32 bytes')),
    ).toBe(true);
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain('IDENTITY_ENCRYPTION_KEY');
  });

  it('treats an empty variable as missing', () => {
    const error = configErrorOf(validEnvironment({ DATABASE_URL: '' }));
    expect(error.details.problems).toEqual([expect.stringMatching(/^DATABASE_URL /)]);
  });

  it('requires both identity keys outside DEMO_MODE', () => {
    const error = configErrorOf(
      validEnvironment({ IDENTITY_ENCRYPTION_KEY: undefined, IDENTITY_HASH_KEY: undefined }),
    );
    expect(error.details.problems).toEqual([
      expect.stringMatching(/^IDENTITY_ENCRYPTION_KEY is required outside DEMO_MODE/),
      expect.stringMatching(/^IDENTITY_HASH_KEY is required outside DEMO_MODE/),
    ]);
  });

  it('allows missing identity keys in DEMO_MODE and derives fixed, distinct ones', () => {
    const env = validEnvironment({
      DEMO_MODE: 'true',
      IDENTITY_ENCRYPTION_KEY: undefined,
      IDENTITY_HASH_KEY: undefined,
    });
    const config = loadConfig(env);
    expect(config.DEMO_MODE).toBe(true);
    expect(config.IDENTITY_ENCRYPTION_KEY).toHaveLength(32);
    expect(config.IDENTITY_HASH_KEY).toHaveLength(32);
    expect(config.IDENTITY_ENCRYPTION_KEY.equals(config.IDENTITY_HASH_KEY)).toBe(false);
    expect(loadConfig(env).IDENTITY_ENCRYPTION_KEY.equals(config.IDENTITY_ENCRYPTION_KEY)).toBe(true);
  });

  it('refuses FAULT_KILL_AFTER_COMMIT_UPDATE_ID outside NODE_ENV=test', () => {
    for (const nodeEnv of ['production', 'development', undefined]) {
      const error = configErrorOf(
        validEnvironment({ NODE_ENV: nodeEnv, FAULT_KILL_AFTER_COMMIT_UPDATE_ID: '42' }),
      );
      expect(error.details.problems).toEqual([
        expect.stringMatching(/^FAULT_KILL_AFTER_COMMIT_UPDATE_ID is only allowed/),
      ]);
    }
    expect(
      loadConfig(validEnvironment({ FAULT_KILL_AFTER_COMMIT_UPDATE_ID: '42' }))
        .FAULT_KILL_AFTER_COMMIT_UPDATE_ID,
    ).toBe('42');
  });

  it('requires a webhook secret when the Telegram channel runs as a webhook', () => {
    const error = configErrorOf(validEnvironment({ TELEGRAM_WEBHOOK_SECRET: undefined }));
    expect(error.details.problems).toEqual([expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET is required/)]);
    expect(
      loadConfig(validEnvironment({ TELEGRAM_WEBHOOK_SECRET: undefined, TELEGRAM_MODE: 'polling' })),
    ).toBeTruthy();
  });
});
