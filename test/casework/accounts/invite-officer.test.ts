import { describe, expect, it } from 'vitest';
import { inviteAdminFromCommandLine, inviteOfficer } from '../../../src/casework/accounts/invite-officer.ts';
import { tokenHash } from '../../../src/casework/accounts/random-token.ts';
import { unitA, useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

describe('inviteOfficer', () => {
  it('creates the account without password or secret, with a 72-hour token stored as its SHA-256', async () => {
    const username = fixture.freshUsername();
    const made = await inviteOfficer(fixture.accounts, fixture.admin.actor, {
      username: ` ${username.toUpperCase()}`,
      displayName: ' Nguyễn Thị Lan ',
      role: 'officer',
      unitId: unitA,
    });
    if (!('ok' in made)) throw new Error(`refused: ${made.refused}`);
    expect(made.ok.username).toBe(username);
    expect(made.ok.enrolmentToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.ok.expiresAt).toEqual(new Date(fixture.now().getTime() + 72 * 3600_000));
    const { rows } = await fixture.pool.query(
      `SELECT username, display_name, role, unit_id, password_hash, totp_secret_enc, enrolled_at,
              enrol_token_hash, enrol_expires_at, created_by, active
         FROM officer WHERE id = $1`,
      [made.ok.officerId],
    );
    expect(rows[0]).toEqual({
      username,
      display_name: 'Nguyễn Thị Lan',
      role: 'officer',
      unit_id: unitA,
      password_hash: null,
      totp_secret_enc: null,
      enrolled_at: null,
      enrol_token_hash: tokenHash(made.ok.enrolmentToken),
      enrol_expires_at: made.ok.expiresAt,
      created_by: fixture.admin.officerId,
      active: true,
    });
  });

  it('is for admins only', async () => {
    const lead = await fixture.enrol({ role: 'unit_lead' });
    const invitation = {
      username: fixture.freshUsername(),
      displayName: 'X',
      role: 'officer' as const,
      unitId: unitA,
    };
    expect(await inviteOfficer(fixture.accounts, lead.actor, invitation)).toEqual({ refused: 'forbidden' });
  });

  it('requires a unit of the list for every role but admin, and none for an admin', async () => {
    const invite = (role: 'officer' | 'unit_lead' | 'supervisor' | 'admin', unitId: string | null) =>
      inviteOfficer(fixture.accounts, fixture.admin.actor, {
        username: fixture.freshUsername(),
        displayName: 'Cán bộ',
        role,
        unitId,
      });
    for (const role of ['officer', 'unit_lead', 'supervisor'] as const) {
      expect(await invite(role, null)).toEqual({ refused: 'unit_required' });
      expect(await invite(role, 'COMM-99999')).toEqual({ refused: 'unknown_unit' });
      expect(await invite(role, unitA)).toHaveProperty('ok');
    }
    expect(await invite('admin', unitA)).toEqual({ refused: 'unit_not_allowed' });
    expect(await invite('admin', null)).toHaveProperty('ok');
  });

  it('refuses a taken or malformed login name and an empty display name', async () => {
    const base = { displayName: 'Cán bộ', role: 'officer' as const, unitId: unitA };
    const taken = fixture.admin.username;
    expect(await inviteOfficer(fixture.accounts, fixture.admin.actor, { ...base, username: taken })).toEqual({
      refused: 'username_taken',
    });
    expect(
      await inviteAdminFromCommandLine(fixture.accounts, { username: taken, displayName: 'Again' }),
    ).toEqual({
      refused: 'username_taken',
    });
    for (const username of ['ab', 'lan nguyen', 'lân', '.lan', 'x'.repeat(65)]) {
      expect(await inviteOfficer(fixture.accounts, fixture.admin.actor, { ...base, username })).toEqual({
        refused: 'invalid_username',
      });
    }
    for (const displayName of ['  ', 'Lan\u0007', 'L'.repeat(121)]) {
      expect(
        await inviteOfficer(fixture.accounts, fixture.admin.actor, {
          ...base,
          username: fixture.freshUsername(),
          displayName,
        }),
      ).toEqual({ refused: 'invalid_display_name' });
    }
  });
});
