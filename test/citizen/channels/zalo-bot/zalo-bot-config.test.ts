import { describe, expect, it } from 'vitest';
import { zaloBotChannel } from '../../../../src/citizen/channels/zalo-bot/zalo-bot-channel.ts';
import { loadConfig } from '../../../../src/platform/config/load-config.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';
import { createIdentityProtection } from '../../../../src/platform/identity/identity-protection.ts';
import { createLogger } from '../../../../src/platform/observability/create-logger.ts';
import { testEnvironment } from '../../../support/test-config.ts';

const token = '3456789012:AbCdEf_gh-IJ';

function problemsOf(overrides: Record<string, string>): string[] {
  try {
    loadConfig(testEnvironment(overrides));
    return [];
  } catch (error) {
    if (isAppError(error, 'config')) return error.details.problems;
    throw error;
  }
}

function channelFor(overrides: Record<string, string>) {
  const config = loadConfig(testEnvironment(overrides));
  const protection = createIdentityProtection({
    encryptionKey: config.IDENTITY_ENCRYPTION_KEY,
    hashKey: config.IDENTITY_HASH_KEY,
  });
  // The factory only reads config, protection and logger; db and metrics are never touched here.
  return zaloBotChannel({
    config,
    protection,
    logger: createLogger('silent'),
    db: {} as never,
    metrics: {} as never,
  });
}

describe('Zalo Bot configuration', () => {
  it('leaves the channel off without a token', () => {
    expect(channelFor({})).toBeNull();
  });

  it('turns the channel on with a token and a webhook secret, with the documented defaults', () => {
    const config = loadConfig(
      testEnvironment({ ZALO_BOT_TOKEN: token, ZALO_BOT_WEBHOOK_SECRET: 'a'.repeat(16) }),
    );
    expect(config).toMatchObject({
      ZALO_BOT_MODE: 'webhook',
      ZALO_BOT_API_ROOT: 'https://bot-api.zaloplatforms.com',
      ZALO_BOT_GLOBAL_RATE_PER_SECOND: 10,
    });
    const channel = channelFor({ ZALO_BOT_TOKEN: token, ZALO_BOT_WEBHOOK_SECRET: 'a'.repeat(16) });
    expect(channel?.channel).toBe('zalo_bot');
    expect(channel?.adapter.capabilities).toEqual({
      buttons: false,
      locationRequest: false,
      contactRequest: false,
      attachments: true,
    });
    expect(channel?.limits).toEqual({ perSecond: 10, perChatBurst: 3, perChatPerSecond: 1 });
  });

  it('requires the webhook secret in webhook mode only', () => {
    expect(problemsOf({ ZALO_BOT_TOKEN: token })).toEqual([
      'ZALO_BOT_WEBHOOK_SECRET is required when ZALO_BOT_TOKEN is set and ZALO_BOT_MODE is webhook',
    ]);
    expect(problemsOf({ ZALO_BOT_TOKEN: token, ZALO_BOT_MODE: 'polling' })).toEqual([]);
  });

  it.each([
    ['a token without the bot id', { ZALO_BOT_TOKEN: 'abcdef' }, 'ZALO_BOT_TOKEN'],
    [
      'a short secret',
      { ZALO_BOT_TOKEN: token, ZALO_BOT_WEBHOOK_SECRET: 'short' },
      'ZALO_BOT_WEBHOOK_SECRET',
    ],
    ['a secret with spaces', { ZALO_BOT_WEBHOOK_SECRET: 'a secret with spaces' }, 'ZALO_BOT_WEBHOOK_SECRET'],
    ['an unknown mode', { ZALO_BOT_MODE: 'push' }, 'ZALO_BOT_MODE'],
    ['an API root that is not a URL', { ZALO_BOT_API_ROOT: 'bot-api' }, 'ZALO_BOT_API_ROOT'],
    ['a rate of 0', { ZALO_BOT_GLOBAL_RATE_PER_SECOND: '0' }, 'ZALO_BOT_GLOBAL_RATE_PER_SECOND'],
  ])('names the variable for %s', (_name, overrides, variable) => {
    const problems = problemsOf(overrides);
    expect(problems.some((p) => p.startsWith(`${variable} `))).toBe(true);
  });
});
