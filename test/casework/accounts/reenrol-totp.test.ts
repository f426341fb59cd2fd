import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/casework/accounts/authenticate.ts';
import {
  completeTotpReenrolment,
  startTotpReenrolment,
} from '../../../src/casework/accounts/reenrol-totp.ts';
import { type EnrolledOfficer, useAccounts } from './use-accounts.ts';

const fixture = useAccounts();
const address = '198.51.100.30';

const actorOf = (officer: EnrolledOfficer) => ({ officerId: officer.officerId, username: officer.username });

async function start(officer: EnrolledOfficer) {
  fixture.advance(30);
  const started = await startTotpReenrolment(fixture.accounts, actorOf(officer), {
    password: officer.password,
    totpCode: fixture.code(officer.secret),
    address,
  });
  if (!('ok' in started)) throw new Error(`refused: ${started.refused}`);
  return started.ok;
}

describe('TOTP re-enrolment', () => {
  it('replaces the secret after the current password and code and a code of the new secret', async () => {
    const officer = await fixture.enrol();
    const pending = await start(officer);
    expect(pending.totpSecret).not.toBe(officer.secret);
    expect(pending.pending).not.toContain(pending.totpSecret);
    expect(
      await completeTotpReenrolment(fixture.accounts, officer, {
        pending: pending.pending,
        totpCode: fixture.code(pending.totpSecret),
      }),
    ).toEqual({ ok: true });

    fixture.advance(30);
    const login = { username: officer.username, password: officer.password, address };
    expect(
      await authenticate(fixture.accounts, { ...login, totpCode: fixture.code(officer.secret) }),
    ).toEqual({
      refused: 'invalid',
    });
    expect(
      await authenticate(fixture.accounts, { ...login, totpCode: fixture.code(pending.totpSecret) }),
    ).toHaveProperty('ok');
  });

  it('refuses to start without the current password or a current unused code', async () => {
    const officer = await fixture.enrol();
    fixture.advance(30);
    const code = fixture.code(officer.secret);
    const actor = actorOf(officer);
    expect(
      await startTotpReenrolment(fixture.accounts, actor, {
        password: 'not the password',
        totpCode: code,
        address,
      }),
    ).toEqual({ refused: 'invalid' });
    expect(
      await startTotpReenrolment(fixture.accounts, actor, {
        password: officer.password,
        totpCode: '000000',
        address,
      }),
    ).toEqual({ refused: 'invalid' });
    expect(
      await startTotpReenrolment(fixture.accounts, actor, {
        password: officer.password,
        totpCode: code,
        address,
      }),
    ).toHaveProperty('ok');
    expect(
      await startTotpReenrolment(fixture.accounts, actor, {
        password: officer.password,
        totpCode: code,
        address,
      }),
    ).toEqual({ refused: 'invalid' });
    const { rows } = await fixture.pool.query<{ detail: unknown }>(
      "SELECT detail FROM auth_event WHERE officer_id = $1 AND kind LIKE 'login%' AND detail->>'purpose' = 'reauthentication' ORDER BY id",
      [officer.officerId],
    );
    expect(rows.map((r) => r.detail)).toEqual([
      { reason: 'password', purpose: 'reauthentication' },
      { reason: 'code', purpose: 'reauthentication' },
      { purpose: 'reauthentication' },
      { reason: 'code_reused', purpose: 'reauthentication' },
    ]);
  });

  it("refuses a wrong new code, another officer's pending secret, an altered one and one older than 10 minutes", async () => {
    const officer = await fixture.enrol();
    const other = await fixture.enrol();
    const pending = await start(officer);
    const newCode = fixture.code(pending.totpSecret);
    const wrong = String((Number(newCode) + 1) % 1_000_000).padStart(6, '0');
    expect(
      await completeTotpReenrolment(fixture.accounts, officer, { pending: pending.pending, totpCode: wrong }),
    ).toEqual({ refused: 'invalid_code' });
    expect(
      await completeTotpReenrolment(fixture.accounts, other, { pending: pending.pending, totpCode: newCode }),
    ).toEqual({ refused: 'invalid' });
    const altered = `${pending.pending.slice(0, -2)}${pending.pending.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(
      await completeTotpReenrolment(fixture.accounts, officer, { pending: altered, totpCode: newCode }),
    ).toEqual({
      refused: 'invalid',
    });
    fixture.advance(10 * 60);
    expect(
      await completeTotpReenrolment(fixture.accounts, officer, {
        pending: pending.pending,
        totpCode: fixture.code(pending.totpSecret),
      }),
    ).toEqual({ refused: 'expired' });
  });
});
