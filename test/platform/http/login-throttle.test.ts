import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../../src/platform/http/login-throttle.ts';

function throttleAt(clock: { t: number }, maxClients = 100) {
  return createLoginThrottle({
    maxFailures: 3,
    windowMs: 60_000,
    lockMs: 120_000,
    maxClients,
    now: () => clock.t,
  });
}

describe('createLoginThrottle', () => {
  it('locks a client out on the failure that reaches the limit, for the lock period', () => {
    const clock = { t: 0 };
    const throttle = throttleAt(clock);
    expect(throttle.failed('a')).toBe(false);
    expect(throttle.failed('a')).toBe(false);
    expect(throttle.lockedFor('a')).toBe(0);
    expect(throttle.failed('a')).toBe(true);
    expect(throttle.lockedFor('a')).toBe(120_000);
    expect(throttle.lockedFor('b')).toBe(0);
    clock.t = 119_999;
    expect(throttle.lockedFor('a')).toBe(1);
    clock.t = 120_000;
    expect(throttle.lockedFor('a')).toBe(0);
    // The lock wiped the count: the next failure starts a fresh series.
    expect(throttle.failed('a')).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const clock = { t: 0 };
    const throttle = throttleAt(clock);
    throttle.failed('a');
    throttle.failed('a');
    clock.t = 60_000;
    expect(throttle.failed('a')).toBe(false);
    expect(throttle.failed('a')).toBe(false);
    expect(throttle.failed('a')).toBe(true);
  });

  it('forgets earlier failures after a success', () => {
    const clock = { t: 0 };
    const throttle = throttleAt(clock);
    throttle.failed('a');
    throttle.failed('a');
    throttle.succeeded('a');
    expect(throttle.failed('a')).toBe(false);
    expect(throttle.failed('a')).toBe(false);
  });

  it('remembers at most maxClients, dropping the least recently failing', () => {
    const clock = { t: 0 };
    const throttle = throttleAt(clock, 2);
    for (const client of ['a', 'a', 'a']) throttle.failed(client);
    expect(throttle.lockedFor('a')).toBeGreaterThan(0);
    throttle.failed('b');
    throttle.failed('c');
    expect(throttle.lockedFor('a')).toBe(0);
  });
});
