import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import type { AccountsContext, ThrottlePolicy } from './accounts-context.ts';
import { throttleAddress } from './throttle-address.ts';

/** The two `login_throttle` rows a try counts against: the account tried and the address it came from. */
export interface ThrottleKeys {
  account: string;
  address: string;
}

/** `account:<username>` and `address:<ip>` (an IPv6 address by its /64, see `throttleAddress`). */
export function loginThrottleKeys(username: string, address: string): ThrottleKeys {
  return { account: `account:${username}`, address: `address:${throttleAddress(address)}` };
}

/**
 * Seconds a try must wait after the last failure of a key with `failures` failures: none for the
 * first `freeFailures`, then 1, 2, 4… up to `maxWaitSeconds`. Example (defaults): 5 → 1, 7 → 4, 11 → 60.
 */
export function throttleWaitSeconds(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxWaitSeconds, 2 ** (failures - policy.freeFailures));
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Lets a login try go ahead, or says how long it must wait, for its account and its address
 * together. A try let through is counted as a failure before its password is checked, in the same
 * transaction as the check (rows locked, in key order), so a burst of parallel guesses cannot all
 * pass before the first is counted; `forgiveLoginAttempt` takes a success back out.
 *
 * Why a growing wait and never a lockout: a lockout lets anyone who knows an officer's login name
 * keep them out of the console with a few wrong passwords. A wait only slows the next try, capped
 * at a minute, so a stranger's guessing costs the real officer at most a minute (the right
 * password after the wait still works), while guessing one account or from one address slows
 * to about one try a minute: some 1,440 a day against a 12-character password and a TOTP code.
 * A refused try checks no password and changes nothing, so it costs the server no argon2 work.
 */
export async function reserveLoginAttempt(
  ctx: AccountsContext,
  keys: ThrottleKeys,
): Promise<ThrottleDecision> {
  const now = ctx.clock();
  const forgottenBefore = new Date(now.getTime() - ctx.throttle.forgetAfterSeconds * 1000);
  const list = [keys.account, keys.address].sort();
  return inTransaction(ctx.pool, {}, async (client) => {
    // Rows first (a new key's row with no failures), so that even the first tries of a burst
    // wait for each other's locks instead of all reading nothing.
    await client.query({
      name: 'accounts-throttle-ensure',
      text: `INSERT INTO login_throttle (key, failures, last_failure_at)
             SELECT k, 0, $2 FROM unnest($1::text[]) AS k ORDER BY k
             ON CONFLICT (key) DO NOTHING`,
      values: [list, now],
    });
    const { rows } = await client.query<{ failures: number; lastFailureAt: Date }>({
      name: 'accounts-throttle-read',
      text: `SELECT failures, last_failure_at AS "lastFailureAt" FROM login_throttle
              WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
      values: [list],
    });
    let waitMs = 0;
    for (const row of rows) {
      if (row.lastFailureAt < forgottenBefore) continue;
      const until = row.lastFailureAt.getTime() + throttleWaitSeconds(row.failures, ctx.throttle) * 1000;
      waitMs = Math.max(waitMs, until - now.getTime());
    }
    if (waitMs > 0) {
      // A refused try leaves nothing behind, not even the empty row of a name never tried before.
      await client.query({
        name: 'accounts-throttle-unensure',
        text: 'DELETE FROM login_throttle WHERE key = ANY($1::text[]) AND failures = 0',
        values: [list],
      });
      return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    }
    await client.query({
      name: 'accounts-throttle-count',
      text: `UPDATE login_throttle
                SET failures = CASE WHEN last_failure_at < $3 THEN 1 ELSE failures + 1 END,
                    last_failure_at = $2
              WHERE key = ANY($1::text[])`,
      values: [list, now, forgottenBefore],
    });
    return { allowed: true };
  });
}

/**
 * A try that succeeded: the account's failures are cleared, and the address loses the failure its
 * try was counted as (an address is shared by an office behind one NAT, so one officer's success
 * must not clear what a guesser at the same address ran up).
 */
export async function forgiveLoginAttempt(ctx: AccountsContext, keys: ThrottleKeys): Promise<void> {
  await ctx.pool.query({
    name: 'accounts-throttle-forgive',
    text: `WITH account AS (DELETE FROM login_throttle WHERE key = $1),
                address AS (UPDATE login_throttle SET failures = failures - 1 WHERE key = $2 AND failures > 1)
           DELETE FROM login_throttle WHERE key = $2 AND failures <= 1`,
    values: [keys.account, keys.address],
  });
}
