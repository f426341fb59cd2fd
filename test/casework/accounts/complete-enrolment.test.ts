import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/casework/accounts/authenticate.ts';
import { completeEnrolment } from '../../../src/casework/accounts/complete-enrolment.ts';
import { inviteOfficer } from '../../../src/casework/accounts/invite-officer.ts';
import { readInvitation } from '../../../src/casework/accounts/read-invitation.ts';
import { unitA, useAccounts } from './use-accounts.ts';

const fixture = useAccounts();
const password = 'một mật khẩu dài đủ';

/** An invitation whose page was opened: its token and the secret the page showed. */
async function openedInvitation(): Promise<{
  token: string;
  secret: string;
  username: string;
  officerId: string;
}> {
  const made = await inviteOfficer(fixture.accounts, fixture.admin.actor, {
    username: fixture.freshUsername(),
    displayName: 'Lê Thị Hoa',
    role: 'officer',
    unitId: unitA,
  });
  if (!('ok' in made)) throw new Error(`refused: ${made.refused}`);
  const view = await readInvitation(fixture.accounts, made.ok.enrolmentToken);
  if (!('ok' in view)) throw new Error(`refused: ${view.refused}`);
  return {
    token: made.ok.enrolmentToken,
    secret: view.ok.totpSecret,
    username: made.ok.username,
    officerId: made.ok.officerId,
  };
}

describe('completeEnrolment', () => {
  it('sets the password and enrols TOTP, so the officer can log in, and uses the token up', async () => {
    const invitation = await openedInvitation();
    const done = await completeEnrolment(fixture.accounts, {
      token: invitation.token,
      password,
      totpCode: fixture.code(invitation.secret),
    });
    expect(done).toEqual({ ok: { officerId: invitation.officerId } });
    const { rows } = await fixture.pool.query(
      'SELECT enrolled_at, enrol_token_hash, enrol_expires_at, password_hash FROM officer WHERE id = $1',
      [invitation.officerId],
    );
    expect(rows[0]).toMatchObject({
      enrolled_at: fixture.now(),
      enrol_token_hash: null,
      enrol_expires_at: null,
    });
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);

    expect(await readInvitation(fixture.accounts, invitation.token)).toEqual({ refused: 'unknown' });
    fixture.advance(30);
    const again = {
      token: invitation.token,
      password: 'another long password',
      totpCode: fixture.code(invitation.secret),
    };
    expect(await completeEnrolment(fixture.accounts, again)).toEqual({ refused: 'unknown' });
    const login = {
      username: invitation.username,
      password,
      totpCode: fixture.code(invitation.secret),
      address: '198.51.100.20',
    };
    expect(await authenticate(fixture.accounts, login)).toHaveProperty('ok');
  });

  it('enrols once when the same token is sent twice at once', async () => {
    const invitation = await openedInvitation();
    const enrolment = { token: invitation.token, password, totpCode: fixture.code(invitation.secret) };
    const results = await Promise.all([
      completeEnrolment(fixture.accounts, enrolment),
      completeEnrolment(fixture.accounts, { ...enrolment, password: 'the other long password' }),
    ]);
    expect(results.filter((r) => 'ok' in r)).toHaveLength(1);
    expect(results.filter((r) => 'refused' in r)).toEqual([{ refused: 'unknown' }]);
  });

  it('refuses a wrong code and keeps the invitation usable', async () => {
    const invitation = await openedInvitation();
    const right = fixture.code(invitation.secret);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(
      await completeEnrolment(fixture.accounts, { token: invitation.token, password, totpCode: wrong }),
    ).toEqual({
      refused: 'invalid_code',
    });
    expect(
      await completeEnrolment(fixture.accounts, { token: invitation.token, password, totpCode: right }),
    ).toHaveProperty('ok');
  });

  it('refuses a password against the policy, with its reason', async () => {
    const invitation = await openedInvitation();
    const totpCode = fixture.code(invitation.secret);
    expect(
      await completeEnrolment(fixture.accounts, { token: invitation.token, password: 'short', totpCode }),
    ).toEqual({
      refused: 'password_policy',
      reason: 'too_short',
    });
    expect(
      await completeEnrolment(fixture.accounts, {
        token: invitation.token,
        password: invitation.username,
        totpCode,
      }),
    ).toEqual({ refused: 'password_policy', reason: 'same_as_username' });
  });

  it('refuses after 72 hours, and before the page was opened', async () => {
    const invitation = await openedInvitation();
    fixture.advance(72 * 3600);
    const late = { token: invitation.token, password, totpCode: fixture.code(invitation.secret) };
    expect(await completeEnrolment(fixture.accounts, late)).toEqual({ refused: 'expired' });

    const unopened = await inviteOfficer(fixture.accounts, fixture.admin.actor, {
      username: fixture.freshUsername(),
      displayName: 'Chưa mở',
      role: 'officer',
      unitId: unitA,
    });
    if (!('ok' in unopened)) throw new Error('refused');
    expect(
      await completeEnrolment(fixture.accounts, {
        token: unopened.ok.enrolmentToken,
        password,
        totpCode: '123456',
      }),
    ).toEqual({ refused: 'not_opened' });
  });
});
