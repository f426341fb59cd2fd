import { describe, expect, it } from 'vitest';
import { createWindowRateLimiter } from '../../../../src/citizen/channels/web/window-rate-limiter.ts';

describe('window rate limiter', () => {
  it('allows the limit per window and key, then says when to retry', () => {
    const limiter = createWindowRateLimiter({ limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) expect(limiter.take('a', 1000 + i)).toEqual({ allowed: true });
    expect(limiter.take('a', 11_000)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(limiter.take('b', 11_000)).toEqual({ allowed: true });
    expect(limiter.take('a', 61_000)).toEqual({ allowed: true });
  });

  it('keeps at most maxKeys windows, dropping the oldest first', () => {
    const limiter = createWindowRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2 });
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('b', 1).allowed).toBe(true);
    expect(limiter.take('c', 2).allowed).toBe(true);
    // 'a' was forgotten to make room: a flood of new keys cannot grow memory without bound.
    expect(limiter.take('a', 3).allowed).toBe(true);
    expect(limiter.take('c', 4).allowed).toBe(false);
  });
});
