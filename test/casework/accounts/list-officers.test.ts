import { describe, expect, it } from 'vitest';
import { deactivateOfficer } from '../../../src/casework/accounts/deactivate-officer.ts';
import { inviteOfficer } from '../../../src/casework/accounts/invite-officer.ts';
import { listOfficers } from '../../../src/casework/accounts/list-officers.ts';
import { unitA, unitB, useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

describe('listOfficers', () => {
  it('lists accounts by login name with their unit, state and open sessions, and nothing of cases', async () => {
    const active = await fixture.enrol({ username: 'q.active' });
    await fixture.logIn(active);
    await fixture.logIn(active);
    const inactive = await fixture.enrol({ username: 'r.inactive', unitId: unitB });
    await deactivateOfficer(fixture.accounts, fixture.admin.actor, inactive.officerId);
    const invite = (username: string) =>
      inviteOfficer(fixture.accounts, fixture.admin.actor, {
        username,
        displayName: username,
        role: 'supervisor',
        unitId: unitA,
      });
    await invite('p.expired');
    fixture.advance(73 * 3600);
    await invite('s.invited');

    const listed = await listOfficers(fixture.accounts, fixture.admin.actor, { limit: 10 });
    expect(listed?.map((o) => [o.username, o.state, o.unitId, o.openSessions])).toEqual([
      [fixture.admin.username, 'active', null, 0],
      ['p.expired', 'invitation_expired', unitA, 0],
      ['q.active', 'active', unitA, 0],
      ['r.inactive', 'inactive', unitB, 0],
      ['s.invited', 'invited', unitA, 0],
    ]);
    expect(Object.keys(listed?.[0] ?? {}).sort()).toEqual([
      'createdAt',
      'deactivatedAt',
      'displayName',
      'enrolledAt',
      'id',
      'openSessions',
      'role',
      'state',
      'telegramLinked',
      'unitId',
      'unitName',
      'username',
    ]);
    expect(listed?.[2]?.unitName).toBeTruthy();
    // The sessions of q.active lapsed while the clock moved 73 hours on.
  });

  it('counts the open sessions and pages by login name', async () => {
    const officer = await fixture.enrol({ username: 't.sessions' });
    await fixture.logIn(officer);
    await fixture.logIn(officer);
    const page = await listOfficers(fixture.accounts, fixture.admin.actor, { after: 's.invited', limit: 1 });
    expect(page?.map((o) => [o.username, o.openSessions])).toEqual([['t.sessions', 2]]);
  });

  it('is for admins only', async () => {
    const supervisor = await fixture.enrol({ role: 'supervisor' });
    expect(await listOfficers(fixture.accounts, supervisor.actor, { limit: 10 })).toBeNull();
  });
});
