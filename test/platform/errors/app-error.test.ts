import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../../src/platform/errors/app-error.ts';

describe('isAppError', () => {
  const error = new AppError('redis_eviction_policy', 'Redis may evict keys', {
    details: { policy: 'allkeys-lru' },
  });

  it('is true for an AppError of the code asked for, and for any AppError without a code', () => {
    expect(isAppError(error, 'redis_eviction_policy')).toBe(true);
    expect(isAppError(error)).toBe(true);
  });

  it('is false for an AppError of another code', () => {
    expect(isAppError(error, 'config')).toBe(false);
    expect(isAppError(new AppError('malformed_payload', 'no update_id'), 'redis_eviction_policy')).toBe(
      false,
    );
  });

  it('is false for plain errors, errors that only look alike, and things that are not errors', () => {
    const lookalike = Object.assign(new Error('Redis may evict keys'), { code: 'redis_eviction_policy' });
    for (const value of [
      new Error('boom'),
      lookalike,
      { code: 'redis_eviction_policy', message: 'x' },
      'redis_eviction_policy',
      null,
      undefined,
    ]) {
      expect(isAppError(value), String(value)).toBe(false);
      expect(isAppError(value, 'redis_eviction_policy'), String(value)).toBe(false);
    }
  });
});

describe('AppError', () => {
  it('carries its code, details and cause, and names the code where logs record only the name', () => {
    const cause = new SyntaxError('Unexpected token');
    const error = new AppError('malformed_payload', 'a Telegram update must be a JSON object', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('malformed_payload');
    expect(error.cause).toBe(cause);
    expect(error.details).toBeUndefined();
    expect(error.name).toBe('AppError[malformed_payload]');
    expect(String(error)).toBe('AppError[malformed_payload]: a Telegram update must be a JSON object');

    const config = new AppError('config', 'Invalid configuration', { details: { problems: ['PORT bad'] } });
    expect(config.details.problems).toEqual(['PORT bad']);
    expect('cause' in config).toBe(false);
  });
});
