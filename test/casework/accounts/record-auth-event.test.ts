import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/casework/accounts/authenticate.ts';
import { completeEnrolment } from '../../../src/casework/accounts/complete-enrolment.ts';
import { deactivateOfficer } from '../../../src/casework/accounts/deactivate-officer.ts';
import { endOwnSession, endSession } from '../../../src/casework/accounts/end-session.ts';
import { inviteOfficer } from '../../../src/casework/accounts/invite-officer.ts';
import { reactivateOfficer } from '../../../src/casework/accounts/reactivate-officer.ts';
import { readInvitation } from '../../../src/casework/accounts/read-invitation.ts';
import type { AuthEventKind } from '../../../src/casework/accounts/record-auth-event.ts';
import {
  completeTotpReenrolment,
  startTotpReenrolment,
} from '../../../src/casework/accounts/reenrol-totp.ts';
import { unitA, useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

const everyKind: AuthEventKind[] = [
  'login_succeeded',
  'login_failed',
  'login_throttled',
  'logout',
  'session_ended',
  'invited',
  'enrolled',
  'deactivated',
  'reactivated',
  'totp_reenrolled',
];

describe('auth events', () => {
  it('record every kind of event of an account’s life and no password, code, token or secret used in it', async () => {
    const used: string[] = [];
    const address = '198.51.100.40';
    const username = fixture.freshUsername();
    const invited = await inviteOfficer(fixture.accounts, fixture.admin.actor, {
      username,
      displayName: 'Phạm Minh Đức',
      role: 'officer',
      unitId: unitA,
    });
    if (!('ok' in invited)) throw new Error('refused');
    const { officerId, enrolmentToken } = invited.ok;
    const view = await readInvitation(fixture.accounts, enrolmentToken);
    if (!('ok' in view)) throw new Error('refused');
    const secret = view.ok.totpSecret;
    const password = 'Sổ tay điều tra 2026!';
    const enrolCode = fixture.code(secret);
    await completeEnrolment(fixture.accounts, {
      token: enrolmentToken,
      password,
      totpCode: enrolCode,
      address,
    });
    used.push(enrolmentToken, secret, password, enrolCode);

    // A password typed into the name field, wrong passwords, a wrong code, then a throttled try.
    const wrongPasswords = ['Sổ tay điều tra 2025!', 'Sổ tay điều tra 2024!', 'Sổ tay điều tra 2023!'];
    fixture.advance(30);
    await authenticate(fixture.accounts, {
      username: password,
      password,
      totpCode: fixture.code(secret),
      address,
    });
    for (const wrong of wrongPasswords) {
      await authenticate(fixture.accounts, {
        username,
        password: wrong,
        totpCode: fixture.code(secret),
        address,
      });
    }
    const wrongCode = String((Number(fixture.code(secret)) + 1) % 1_000_000).padStart(6, '0');
    await authenticate(fixture.accounts, { username, password, totpCode: wrongCode, address });
    const throttled = await authenticate(fixture.accounts, {
      username,
      password,
      totpCode: fixture.code(secret),
      address,
    });
    expect(throttled).toMatchObject({ refused: 'throttled' });
    used.push(...wrongPasswords, wrongCode);

    fixture.advance(60);
    const loginCode = fixture.code(secret);
    const login = await authenticate(fixture.accounts, { username, password, totpCode: loginCode, address });
    expect(login).toHaveProperty('ok');
    const officer = { officerId, username, password, secret, actor: { officerId, role: 'officer' as const } };
    const first = await fixture.logIn(officer, address);
    const second = await fixture.logIn(officer, address);
    await endSession(fixture.accounts, first.token, address);
    await endOwnSession(fixture.accounts, officer.actor, second.handle);
    used.push(loginCode, first.token, first.csrfToken, second.token, second.csrfToken);

    fixture.advance(30);
    const reauthCode = fixture.code(secret);
    const started = await startTotpReenrolment(fixture.accounts, officer, {
      password,
      totpCode: reauthCode,
      address,
    });
    if (!('ok' in started)) throw new Error('refused');
    const newCode = fixture.code(started.ok.totpSecret);
    await completeTotpReenrolment(fixture.accounts, officer, {
      pending: started.ok.pending,
      totpCode: newCode,
      address,
    });
    used.push(reauthCode, started.ok.totpSecret, started.ok.pending, newCode);

    const third = await fixture.logIn({ ...officer, secret: started.ok.totpSecret }, address);
    used.push(third.token, third.csrfToken);
    await deactivateOfficer(fixture.accounts, fixture.admin.actor, officerId);
    await reactivateOfficer(fixture.accounts, fixture.admin.actor, officerId);

    const { rows } = await fixture.pool.query<{ kind: AuthEventKind; row: string }>(
      'SELECT kind, row_to_json(e)::text AS row FROM auth_event e WHERE officer_id = $1 OR address = $2',
      [officerId, address],
    );
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(everyKind));
    const text = rows.map((r) => r.row).join('\n');
    for (const value of used) {
      expect(value.length).toBeGreaterThanOrEqual(6);
      expect(text).not.toContain(value);
      expect(text).not.toContain(JSON.stringify(value).slice(1, -1));
    }
  });
});
