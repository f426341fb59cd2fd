import { describe, expect, it } from 'vitest';
import { defaultThrottlePolicy } from '../../../src/casework/accounts/accounts-context.ts';
import {
  forgiveLoginAttempt,
  loginThrottleKeys,
  reserveLoginAttempt,
  throttleWaitSeconds,
} from '../../../src/casework/accounts/throttle-login-attempt.ts';
import { useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

async function failures(key: string): Promise<number | null> {
  const { rows } = await fixture.pool.query<{ failures: number }>(
    'SELECT failures FROM login_throttle WHERE key = $1',
    [key],
  );
  return rows[0]?.failures ?? null;
}

describe('throttleWaitSeconds', () => {
  it('waits nothing for 5 failures, then 1, 2, 4… seconds, never more than a minute', () => {
    const waits = Array.from({ length: 14 }, (_, n) => throttleWaitSeconds(n, defaultThrottlePolicy));
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});

describe('reserveLoginAttempt', () => {
  it('counts each try let through before its password is checked, so a parallel burst gets exactly 5', async () => {
    const keys = loginThrottleKeys(fixture.freshUsername(), '203.0.113.10');
    const decisions = await Promise.all(
      Array.from({ length: 12 }, () => reserveLoginAttempt(fixture.accounts, keys)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions.filter((d) => !d.allowed)).toHaveLength(7);
    expect(await failures(keys.account)).toBe(5);
    expect(await failures(keys.address)).toBe(5);
  });

  it('refuses a try before the wait has passed without counting it, and lets it through after', async () => {
    const keys = loginThrottleKeys(fixture.freshUsername(), '203.0.113.11');
    for (let i = 0; i < 6; i++) {
      expect(await reserveLoginAttempt(fixture.accounts, keys)).toEqual({ allowed: true });
      fixture.advance(throttleWaitSeconds(i + 1, defaultThrottlePolicy));
    }
    // 6 failures: the next try waits 2 s from the last, which has just passed.
    fixture.advance(-1);
    expect(await reserveLoginAttempt(fixture.accounts, keys)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(await failures(keys.account)).toBe(6);
    fixture.advance(1);
    expect(await reserveLoginAttempt(fixture.accounts, keys)).toEqual({ allowed: true });
    expect(await failures(keys.account)).toBe(7);
  });

  it('leaves no row for a name tried from an address that must wait', async () => {
    const address = '203.0.113.12';
    for (let i = 0; i < 5; i++) {
      await reserveLoginAttempt(fixture.accounts, loginThrottleKeys(fixture.freshUsername(), address));
    }
    const refused = loginThrottleKeys(fixture.freshUsername(), address);
    expect(await reserveLoginAttempt(fixture.accounts, refused)).toMatchObject({ allowed: false });
    expect(await failures(refused.account)).toBeNull();
  });

  it('forgets a key after an hour without failures', async () => {
    const keys = loginThrottleKeys(fixture.freshUsername(), '203.0.113.13');
    for (let i = 0; i < 8; i++) await reserveLoginAttempt(fixture.accounts, keys);
    expect(await reserveLoginAttempt(fixture.accounts, keys)).toMatchObject({ allowed: false });
    fixture.advance(3601);
    expect(await reserveLoginAttempt(fixture.accounts, keys)).toEqual({ allowed: true });
    expect(await failures(keys.account)).toBe(1);
  });
});

describe('loginThrottleKeys', () => {
  it('names the account and the address, an IPv6 address by its /64', () => {
    expect(loginThrottleKeys('lan.nguyen', '203.0.113.7')).toEqual({
      account: 'account:lan.nguyen',
      address: 'address:203.0.113.7',
    });
    expect(loginThrottleKeys('lan.nguyen', '2001:db8::1').address).toBe(
      loginThrottleKeys('lan.nguyen', '2001:db8::ffff').address,
    );
  });
});

describe('forgiveLoginAttempt', () => {
  it("clears the account's failures but takes only the one try back from the address", async () => {
    const address = '203.0.113.14';
    const guessed = loginThrottleKeys(fixture.freshUsername(), address);
    for (let i = 0; i < 3; i++) await reserveLoginAttempt(fixture.accounts, guessed);
    const keys = loginThrottleKeys(fixture.freshUsername(), address);
    await reserveLoginAttempt(fixture.accounts, keys);
    await reserveLoginAttempt(fixture.accounts, keys);
    expect(await failures(keys.address)).toBe(5);
    await forgiveLoginAttempt(fixture.accounts, keys);
    expect(await failures(keys.account)).toBeNull();
    expect(await failures(keys.address)).toBe(4);
    expect(await failures(guessed.account)).toBe(3);
  });
});
