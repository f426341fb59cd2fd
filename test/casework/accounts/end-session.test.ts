import { describe, expect, it } from 'vitest';
import { endOfficerSessions, endOwnSession, endSession } from '../../../src/casework/accounts/end-session.ts';
import { readSession } from '../../../src/casework/accounts/read-session.ts';
import { useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

async function endReasons(officerId: string): Promise<(string | null)[]> {
  const { rows } = await fixture.pool.query<{ reason: string | null }>(
    'SELECT end_reason AS reason FROM officer_session WHERE officer_id = $1 ORDER BY created_at',
    [officerId],
  );
  return rows.map((r) => r.reason);
}

describe('ending sessions', () => {
  it('logs out: the token opens nothing afterwards, and a second logout changes nothing', async () => {
    const officer = await fixture.enrol();
    const session = await fixture.logIn(officer);
    expect(await endSession(fixture.accounts, session.token, '198.51.100.1')).toBe(true);
    expect(await readSession(fixture.accounts, session.token)).toEqual({ refused: 'ended' });
    expect(await endSession(fixture.accounts, session.token)).toBe(false);
    expect(await endReasons(officer.officerId)).toEqual(['logout']);
  });

  it('ends one of my own sessions by its handle, and none of another officer by theirs', async () => {
    const officer = await fixture.enrol();
    const kept = await fixture.logIn(officer);
    const lost = await fixture.logIn(officer);
    const other = await fixture.enrol();
    const theirs = await fixture.logIn(other);
    expect(await endOwnSession(fixture.accounts, officer.actor, theirs.handle)).toBe(false);
    expect(await readSession(fixture.accounts, theirs.token)).toHaveProperty('ok');
    expect(await endOwnSession(fixture.accounts, officer.actor, lost.handle)).toBe(true);
    expect(await readSession(fixture.accounts, lost.token)).toEqual({ refused: 'ended' });
    expect(await readSession(fixture.accounts, kept.token)).toHaveProperty('ok');
    expect(await endOwnSession(fixture.accounts, officer.actor, lost.handle)).toBe(false);
    expect(await endReasons(officer.officerId)).toEqual([null, 'by_owner']);
  });

  it('ends every session of an officer for themself or an admin, and refuses anyone else', async () => {
    const officer = await fixture.enrol();
    const sessions = [await fixture.logIn(officer), await fixture.logIn(officer)];
    const colleague = await fixture.enrol();
    expect(await endOfficerSessions(fixture.accounts, colleague.actor, officer.officerId)).toEqual({
      refused: 'forbidden',
    });
    expect(await endOfficerSessions(fixture.accounts, fixture.admin.actor, officer.officerId)).toEqual({
      ok: { sessions: 2 },
    });
    for (const session of sessions) {
      expect(await readSession(fixture.accounts, session.token)).toEqual({ refused: 'ended' });
    }
    await fixture.logIn(officer);
    expect(await endOfficerSessions(fixture.accounts, officer.actor, officer.officerId)).toEqual({
      ok: { sessions: 1 },
    });
    expect(await endReasons(officer.officerId)).toEqual(['by_admin', 'by_admin', 'everywhere']);
  });
});
