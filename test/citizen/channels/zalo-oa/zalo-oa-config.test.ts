import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/platform/config/load-config.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';

const base = { DEMO_MODE: 'true', DATABASE_URL: 'postgresql://u@127.0.0.1/db' };
const complete = {
  ZALO_OA_APP_ID: '1234567890',
  ZALO_OA_APP_SECRET: 'app-secret-x',
  ZALO_OA_SECRET_KEY: 'oa-secret-x',
};

describe('Zalo OA configuration', () => {
  it('is off without variables and on with all three keys, with the documented defaults', () => {
    expect(loadConfig(base).ZALO_OA_APP_ID).toBeUndefined();
    const config = loadConfig({ ...base, ...complete });
    expect(config).toMatchObject({
      ZALO_OA_API_ROOT: 'https://openapi.zalo.me',
      ZALO_OAUTH_ROOT: 'https://oauth.zaloapp.com',
      ZALO_OA_MEDIA_HOSTS: ['zdn.vn', 'zadn.vn', 'zalo.me', 'zaloapp.com'],
      ZALO_OA_MEDIA_MAX_BYTES: 25 * 1024 * 1024,
    });
  });

  it.each([
    ['ZALO_OA_APP_SECRET', 'ZALO_OA_SECRET_KEY'],
    ['ZALO_OA_APP_ID', 'ZALO_OA_SECRET_KEY'],
    ['ZALO_OA_APP_ID', 'ZALO_OA_APP_SECRET'],
  ])('refuses a partial set (only %s and %s), naming what is missing', (a, b) => {
    const partial = {
      ...base,
      [a]: complete[a as keyof typeof complete],
      [b]: complete[b as keyof typeof complete],
    };
    const error = (() => {
      try {
        loadConfig(partial);
      } catch (e) {
        return e;
      }
    })();
    if (!isAppError(error, 'config')) throw new Error(`expected a config error, got ${String(error)}`);
    const missing = Object.keys(complete).find((k) => k !== a && k !== b) ?? '';
    expect(error.details.problems.join('\n')).toContain(missing);
  });

  it('refuses a refresh token without the keys, a non-numeric app id and a bad host list', () => {
    expect(() => loadConfig({ ...base, ZALO_OA_REFRESH_TOKEN: 'rt_abcdefgh' })).toThrow(/ZALO_OA_APP_ID/);
    expect(() => loadConfig({ ...base, ...complete, ZALO_OA_APP_ID: '12ab' })).toThrow(/ZALO_OA_APP_ID/);
    expect(() => loadConfig({ ...base, ...complete, ZALO_OA_MEDIA_HOSTS: 'zdn.vn,http://x/' })).toThrow(
      /ZALO_OA_MEDIA_HOSTS/,
    );
  });
});
