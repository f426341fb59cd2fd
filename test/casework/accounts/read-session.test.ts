import { describe, expect, it } from 'vitest';
import { tokenHash } from '../../../src/casework/accounts/random-token.ts';
import { readSession } from '../../../src/casework/accounts/read-session.ts';
import { sessionHandle } from '../../../src/casework/accounts/session-handle.ts';
import { unitA, useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

async function sessionRow(token: string) {
  const { rows } = await fixture.pool.query<{
    lastSeenAt: Date;
    endedAt: Date | null;
    endReason: string | null;
    row: string;
  }>(
    `SELECT last_seen_at AS "lastSeenAt", ended_at AS "endedAt", end_reason AS "endReason", s::text AS row
       FROM officer_session s WHERE id = $1`,
    [tokenHash(token)],
  );
  return rows[0];
}

describe('createSession and readSession', () => {
  it('opens a session whose token is stored only as its SHA-256, and reads it back as a console user', async () => {
    const officer = await fixture.enrol();
    const session = await fixture.logIn(officer);
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.expiresAt).toEqual(new Date(fixture.now().getTime() + 12 * 3600_000));
    const row = await sessionRow(session.token);
    expect(row?.row).not.toContain(session.token);
    const found = await readSession(fixture.accounts, session.token);
    expect(found).toEqual({
      ok: {
        user: {
          officerId: officer.officerId,
          username: officer.username,
          displayName: `Cán bộ ${officer.username}`,
          role: 'officer',
          unitId: unitA,
          units: [unitA],
          sessionId: tokenHash(session.token),
        },
        csrfToken: session.csrfToken,
        handle: session.handle,
        expiresAt: session.expiresAt,
      },
    });
    expect(session.handle).toBe(sessionHandle(tokenHash(session.token)));
  });

  it('gives each login a new token', async () => {
    const officer = await fixture.enrol();
    const first = await fixture.logIn(officer);
    const second = await fixture.logIn(officer);
    expect(second.token).not.toBe(first.token);
    expect(second.handle).not.toBe(first.handle);
  });

  it('refuses tokens it never issued without a lookup, and unknown ones', async () => {
    expect(await readSession(fixture.accounts, undefined)).toEqual({ refused: 'unknown' });
    expect(await readSession(fixture.accounts, 'short')).toEqual({ refused: 'unknown' });
    expect(await readSession(fixture.accounts, 'A'.repeat(43))).toEqual({ refused: 'unknown' });
  });

  it('touches last_seen_at at most once a minute', async () => {
    const session = await fixture.logIn(await fixture.enrol());
    const opened = (await sessionRow(session.token))?.lastSeenAt;
    fixture.advance(59);
    expect(await readSession(fixture.accounts, session.token)).toHaveProperty('ok');
    expect((await sessionRow(session.token))?.lastSeenAt).toEqual(opened);
    fixture.advance(1);
    expect(await readSession(fixture.accounts, session.token)).toHaveProperty('ok');
    expect((await sessionRow(session.token))?.lastSeenAt).toEqual(fixture.now());
  });

  it('ends a session idle for more than 30 minutes, and keeps one used within them', async () => {
    const session = await fixture.logIn(await fixture.enrol());
    fixture.advance(29 * 60);
    expect(await readSession(fixture.accounts, session.token)).toHaveProperty('ok');
    fixture.advance(30 * 60);
    expect(await readSession(fixture.accounts, session.token)).toHaveProperty('ok');
    fixture.advance(30 * 60 + 1);
    expect(await readSession(fixture.accounts, session.token)).toEqual({ refused: 'idle' });
    expect(await sessionRow(session.token)).toMatchObject({ endedAt: fixture.now(), endReason: 'idle' });
    fixture.advance(-60 * 60);
    expect(await readSession(fixture.accounts, session.token)).toEqual({ refused: 'ended' });
    fixture.advance(60 * 60);
  });

  it('ends a session 12 hours after login however busy it was', async () => {
    const session = await fixture.logIn(await fixture.enrol());
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      fixture.advance(20 * 60);
      expect(await readSession(fixture.accounts, session.token)).toHaveProperty('ok');
    }
    fixture.advance(20 * 60 - 1);
    expect(await readSession(fixture.accounts, session.token)).toHaveProperty('ok');
    fixture.advance(1);
    expect(await readSession(fixture.accounts, session.token)).toEqual({ refused: 'expired' });
    expect(await sessionRow(session.token)).toMatchObject({ endReason: 'expired' });
  });

  it('refuses and ends a session whose officer was deactivated behind its back', async () => {
    const officer = await fixture.enrol();
    const session = await fixture.logIn(officer);
    await fixture.pool.query('UPDATE officer SET active = false WHERE id = $1', [officer.officerId]);
    expect(await readSession(fixture.accounts, session.token)).toEqual({ refused: 'inactive' });
    expect(await sessionRow(session.token)).toMatchObject({ endReason: 'inactive' });
  });
});

describe('readSession with other limits', () => {
  const short = useAccounts({ sessions: { idleSeconds: 5 * 60, absoluteSeconds: 3600 } });

  it('follows the idle and absolute limits it is given', async () => {
    const idle = await short.logIn(await short.enrol());
    short.advance(5 * 60);
    expect(await readSession(short.accounts, idle.token)).toHaveProperty('ok');
    short.advance(5 * 60 + 1);
    expect(await readSession(short.accounts, idle.token)).toEqual({ refused: 'idle' });

    const busy = await short.logIn(await short.enrol());
    expect(busy.expiresAt).toEqual(new Date(short.now().getTime() + 3600_000));
    for (let i = 0; i < 14; i++) {
      short.advance(4 * 60);
      expect(await readSession(short.accounts, busy.token)).toHaveProperty('ok');
    }
    short.advance(4 * 60);
    expect(await readSession(short.accounts, busy.token)).toEqual({ refused: 'expired' });
  });
});
