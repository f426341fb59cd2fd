import { describe, expect, it } from 'vitest';
import { authenticate, type LoginAttempt } from '../../../src/casework/accounts/authenticate.ts';
import { deactivateOfficer } from '../../../src/casework/accounts/deactivate-officer.ts';
import { inviteOfficer } from '../../../src/casework/accounts/invite-officer.ts';
import { type EnrolledOfficer, unitA, useAccounts } from './use-accounts.ts';

const fixture = useAccounts();
let addresses = 0;
/** A client address no other test uses, so the per-address throttle of one test stays out of another. */
const freshAddress = () => `192.0.2.${++addresses}`;

function attempt(
  officer: EnrolledOfficer,
  address: string,
  change: Partial<LoginAttempt> = {},
): LoginAttempt {
  return {
    username: officer.username,
    password: officer.password,
    totpCode: fixture.code(officer.secret),
    address,
    ...change,
  };
}

async function events(
  officerId: string | null,
  address: string,
): Promise<{ kind: string; detail: unknown }[]> {
  const { rows } = await fixture.pool.query<{ kind: string; detail: unknown }>(
    'SELECT kind, detail FROM auth_event WHERE officer_id IS NOT DISTINCT FROM $1 AND address = $2 ORDER BY id',
    [officerId, address],
  );
  return rows;
}

async function throttleFailures(key: string): Promise<number | null> {
  const { rows } = await fixture.pool.query<{ failures: number }>(
    'SELECT failures FROM login_throttle WHERE key = $1',
    [key],
  );
  return rows[0]?.failures ?? null;
}

describe('authenticate', () => {
  it('logs in with the right password and current code, the name in any case, and records it', async () => {
    const officer = await fixture.enrol();
    const address = freshAddress();
    const result = await authenticate(
      fixture.accounts,
      attempt(officer, address, { username: ` ${officer.username.toUpperCase()} ` }),
    );
    expect(result).toEqual({
      ok: {
        id: officer.officerId,
        username: officer.username,
        displayName: `Cán bộ ${officer.username}`,
        role: 'officer',
        unitId: unitA,
      },
    });
    expect(await events(officer.officerId, address)).toEqual([{ kind: 'login_succeeded', detail: null }]);
  });

  it('answers invalid alike for an unknown name, a wrong password, a wrong code and a reused code', async () => {
    const officer = await fixture.enrol();
    const address = freshAddress();
    const wrongCode = String((Number(fixture.code(officer.secret)) + 1) % 1_000_000).padStart(6, '0');
    const refusals = [
      await authenticate(
        fixture.accounts,
        attempt(officer, address, { username: fixture.freshUsername('nobody') }),
      ),
      await authenticate(fixture.accounts, attempt(officer, address, { password: `${officer.password}x` })),
      await authenticate(fixture.accounts, attempt(officer, address, { totpCode: wrongCode })),
    ];
    expect(await authenticate(fixture.accounts, attempt(officer, address))).toHaveProperty('ok');
    refusals.push(await authenticate(fixture.accounts, attempt(officer, address)));
    expect(refusals).toEqual(Array(4).fill({ refused: 'invalid' }));
    expect((await events(null, address)).map((e) => e.detail)).toEqual([{ reason: 'unknown_account' }]);
    expect((await events(officer.officerId, address)).map((e) => e.detail)).toEqual([
      { reason: 'password' },
      { reason: 'code' },
      null,
      { reason: 'code_reused' },
    ]);
  });

  it('spends the same argon2 work on an unknown name as on a wrong password', async () => {
    const officer = await fixture.enrol();
    const address = freshAddress();
    const time = async (change: Partial<LoginAttempt>) => {
      fixture.advance(61); // past any throttle wait: only the password work is measured
      const started = performance.now();
      const result = await authenticate(fixture.accounts, attempt(officer, address, change));
      expect(result).toEqual({ refused: 'invalid' });
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 7; i++) {
      unknown.push(await time({ username: fixture.freshUsername('nobody') }));
      wrong.push(await time({ password: `${officer.password}${i}` }));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[3] ?? 0;
    // Without the dummy hash an unknown name answers in a quarter of the time or less.
    expect(median(unknown) / median(wrong)).toBeGreaterThan(0.6);
  });

  it('accepts a code one step old and refuses one two steps old', async () => {
    const officer = await fixture.enrol();
    const address = freshAddress();
    fixture.advance(30);
    const previous = fixture.code(officer.secret, new Date(fixture.now().getTime() - 30_000));
    expect(
      await authenticate(fixture.accounts, attempt(officer, address, { totpCode: previous })),
    ).toHaveProperty('ok');
    fixture.advance(90);
    const twoStepsOld = fixture.code(officer.secret, new Date(fixture.now().getTime() - 60_000));
    const near = [-30_000, 0].map((ms) =>
      fixture.code(officer.secret, new Date(fixture.now().getTime() + ms)),
    );
    if (!near.includes(twoStepsOld)) {
      expect(
        await authenticate(fixture.accounts, attempt(officer, address, { totpCode: twoStepsOld })),
      ).toEqual({
        refused: 'invalid',
      });
    }
  });

  it('lets exactly one of two concurrent logins with the same code through', async () => {
    const officer = await fixture.enrol();
    fixture.advance(30);
    const same = attempt(officer, freshAddress());
    const results = await Promise.all([
      authenticate(fixture.accounts, same),
      authenticate(fixture.accounts, same),
    ]);
    expect(results.filter((r) => 'ok' in r)).toHaveLength(1);
    expect(results.filter((r) => 'refused' in r)).toEqual([{ refused: 'invalid' }]);
  });

  it('answers throttled after 5 fast failures, even to the right password, and lets it in once the wait has passed', async () => {
    const officer = await fixture.enrol();
    const address = freshAddress();
    for (let i = 0; i < 5; i++) {
      expect(
        await authenticate(fixture.accounts, attempt(officer, address, { password: `guess ${i} guess` })),
      ).toEqual({
        refused: 'invalid',
      });
    }
    expect(await authenticate(fixture.accounts, attempt(officer, address))).toEqual({
      refused: 'throttled',
      retryAfterSeconds: 1,
    });
    expect(await throttleFailures(`account:${officer.username}`)).toBe(5);
    expect((await events(officer.officerId, address)).at(-1)).toEqual({
      kind: 'login_throttled',
      detail: { retryAfterSeconds: 1 },
    });
    fixture.advance(1);
    expect(await authenticate(fixture.accounts, attempt(officer, address))).toHaveProperty('ok');
    expect(await throttleFailures(`account:${officer.username}`)).toBeNull();
  });

  it("slows an account a stranger guesses at, but the officer's right password after the wait still works", async () => {
    const officer = await fixture.enrol();
    const stranger = freshAddress();
    for (let i = 0; i < 8; i++) {
      fixture.advance(60);
      await authenticate(fixture.accounts, attempt(officer, stranger, { password: `guess ${i} guess` }));
    }
    // 8 failures: the next try on the account waits 2^3 s, wherever it comes from.
    const office = freshAddress();
    fixture.advance(3);
    expect(await authenticate(fixture.accounts, attempt(officer, office))).toEqual({
      refused: 'throttled',
      retryAfterSeconds: 5,
    });
    fixture.advance(5);
    expect(await authenticate(fixture.accounts, attempt(officer, office))).toHaveProperty('ok');
  });

  it('throttles an address across login names, and not the same officer elsewhere', async () => {
    const officer = await fixture.enrol();
    const guesser = freshAddress();
    for (let i = 0; i < 5; i++) {
      await authenticate(
        fixture.accounts,
        attempt(officer, guesser, { username: fixture.freshUsername('nobody') }),
      );
    }
    expect(await authenticate(fixture.accounts, attempt(officer, guesser))).toEqual({
      refused: 'throttled',
      retryAfterSeconds: 1,
    });
    expect(await authenticate(fixture.accounts, attempt(officer, freshAddress()))).toHaveProperty('ok');
  });

  it('tells inactive only to someone with the right password and code', async () => {
    const officer = await fixture.enrol();
    await deactivateOfficer(fixture.accounts, fixture.admin.actor, officer.officerId);
    const address = freshAddress();
    fixture.advance(30);
    expect(
      await authenticate(fixture.accounts, attempt(officer, address, { password: 'not the password' })),
    ).toEqual({
      refused: 'invalid',
    });
    expect(await authenticate(fixture.accounts, attempt(officer, address))).toEqual({ refused: 'inactive' });
  });

  it('answers invalid, not not_enrolled, for an invited account that never enrolled', async () => {
    const username = fixture.freshUsername();
    await inviteOfficer(fixture.accounts, fixture.admin.actor, {
      username,
      displayName: 'Mới',
      role: 'officer',
      unitId: unitA,
    });
    expect(
      await authenticate(fixture.accounts, {
        username,
        password: 'whatever it may be',
        totpCode: '123456',
        address: freshAddress(),
      }),
    ).toEqual({ refused: 'invalid' });
  });
});
