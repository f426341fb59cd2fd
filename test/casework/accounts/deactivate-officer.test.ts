import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../src/casework/accounts/authenticate.ts';
import { deactivateOfficer } from '../../../src/casework/accounts/deactivate-officer.ts';
import { inviteOfficer } from '../../../src/casework/accounts/invite-officer.ts';
import { reactivateOfficer } from '../../../src/casework/accounts/reactivate-officer.ts';
import { readInvitation } from '../../../src/casework/accounts/read-invitation.ts';
import { readSession } from '../../../src/casework/accounts/read-session.ts';
import { unitA, useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

describe('deactivateOfficer', () => {
  it('ends every session of the account at once and keeps it out until reactivated', async () => {
    const officer = await fixture.enrol();
    const sessions = [await fixture.logIn(officer), await fixture.logIn(officer, '198.51.100.9')];
    expect(await deactivateOfficer(fixture.accounts, fixture.admin.actor, officer.officerId)).toEqual({
      ok: { sessionsEnded: 2 },
    });
    for (const session of sessions) {
      expect(await readSession(fixture.accounts, session.token)).toEqual({ refused: 'ended' });
    }
    const { rows } = await fixture.pool.query<{ kind: string; detail: unknown }>(
      'SELECT kind, detail FROM auth_event WHERE officer_id = $1 AND kind IN ($2, $3) ORDER BY id',
      [officer.officerId, 'session_ended', 'deactivated'],
    );
    const by = fixture.admin.officerId;
    expect(rows).toEqual([
      { kind: 'session_ended', detail: { reason: 'deactivated', sessions: 2, by } },
      { kind: 'deactivated', detail: { by, sessions: 2 } },
    ]);
    fixture.advance(30);
    const login = {
      username: officer.username,
      password: officer.password,
      totpCode: fixture.code(officer.secret),
      address: '198.51.100.10',
    };
    expect(await authenticate(fixture.accounts, login)).toEqual({ refused: 'inactive' });

    expect(await reactivateOfficer(fixture.accounts, fixture.admin.actor, officer.officerId)).toEqual({
      ok: true,
    });
    fixture.advance(30);
    expect(
      await authenticate(fixture.accounts, { ...login, totpCode: fixture.code(officer.secret) }),
    ).toHaveProperty('ok');
  });

  it('is for admins only, not on themselves, and once', async () => {
    const officer = await fixture.enrol();
    const lead = await fixture.enrol({ role: 'unit_lead' });
    expect(await deactivateOfficer(fixture.accounts, lead.actor, officer.officerId)).toEqual({
      refused: 'forbidden',
    });
    expect(await reactivateOfficer(fixture.accounts, lead.actor, officer.officerId)).toEqual({
      refused: 'forbidden',
    });
    expect(await deactivateOfficer(fixture.accounts, fixture.admin.actor, fixture.admin.officerId)).toEqual({
      refused: 'self',
    });
    expect(await deactivateOfficer(fixture.accounts, fixture.admin.actor, officer.officerId)).toEqual({
      ok: { sessionsEnded: 0 },
    });
    expect(await deactivateOfficer(fixture.accounts, fixture.admin.actor, officer.officerId)).toEqual({
      refused: 'already_inactive',
    });
    expect(
      await deactivateOfficer(fixture.accounts, fixture.admin.actor, '00000000-0000-4000-8000-000000000000'),
    ).toEqual({ refused: 'unknown' });
  });

  it('closes an invitation that was not used yet', async () => {
    const invited = await inviteOfficer(fixture.accounts, fixture.admin.actor, {
      username: fixture.freshUsername(),
      displayName: 'Chưa đăng ký',
      role: 'officer',
      unitId: unitA,
    });
    if (!('ok' in invited)) throw new Error('invitation refused');
    await deactivateOfficer(fixture.accounts, fixture.admin.actor, invited.ok.officerId);
    expect(await readInvitation(fixture.accounts, invited.ok.enrolmentToken)).toEqual({ refused: 'unknown' });
  });
});
