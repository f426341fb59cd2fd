import { describe, expect, it } from 'vitest';
import { endSession } from '../../../src/casework/accounts/end-session.ts';
import { listSessions } from '../../../src/casework/accounts/list-sessions.ts';
import { tokenHash } from '../../../src/casework/accounts/random-token.ts';
import { useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

describe('listSessions', () => {
  it("lists an officer's open sessions newest first by handle, marking the one asking", async () => {
    const officer = await fixture.enrol();
    const office = await fixture.logIn(officer, '198.51.100.7');
    const phone = await fixture.logIn(officer, '198.51.100.8');
    const actor = { ...officer.actor, sessionId: tokenHash(phone.token) };
    const listed = await listSessions(fixture.accounts, actor, officer.officerId);
    expect(listed?.map((s) => [s.handle, s.address, s.current])).toEqual([
      [phone.handle, '198.51.100.8', true],
      [office.handle, '198.51.100.7', false],
    ]);
    expect(listed?.[0]).toMatchObject({ userAgent: 'test', expiresAt: phone.expiresAt });
    // The handle is neither the session id nor a piece of it.
    for (const session of [office, phone]) expect(tokenHash(session.token)).not.toContain(session.handle);
  });

  it('leaves out sessions that ended or lapsed', async () => {
    const officer = await fixture.enrol();
    await fixture.logIn(officer);
    fixture.advance(31 * 60);
    const open = await fixture.logIn(officer);
    await endSession(fixture.accounts, (await fixture.logIn(officer)).token);
    const listed = await listSessions(
      fixture.accounts,
      { ...officer.actor, sessionId: '' },
      officer.officerId,
    );
    expect(listed?.map((s) => s.handle)).toEqual([open.handle]);
  });

  it("shows an officer's sessions to them and to an admin, to no other officer", async () => {
    const officer = await fixture.enrol();
    await fixture.logIn(officer);
    const colleague = await fixture.enrol();
    expect(
      await listSessions(fixture.accounts, { ...colleague.actor, sessionId: '' }, officer.officerId),
    ).toBeNull();
    expect(
      await listSessions(fixture.accounts, { ...fixture.admin.actor, sessionId: '' }, officer.officerId),
    ).toHaveLength(1);
  });
});
