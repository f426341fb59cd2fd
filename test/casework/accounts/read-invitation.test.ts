import { describe, expect, it } from 'vitest';
import { type InvitationResult, inviteOfficer } from '../../../src/casework/accounts/invite-officer.ts';
import { readInvitation } from '../../../src/casework/accounts/read-invitation.ts';
import { unitA, useAccounts } from './use-accounts.ts';

const fixture = useAccounts();

async function invite(): Promise<Extract<InvitationResult, { ok: unknown }>['ok']> {
  const made = await inviteOfficer(fixture.accounts, fixture.admin.actor, {
    username: fixture.freshUsername(),
    displayName: 'Trần Văn Bình',
    role: 'unit_lead',
    unitId: unitA,
  });
  if (!('ok' in made)) throw new Error(`refused: ${made.refused}`);
  return made.ok;
}

async function storedSecret(officerId: string): Promise<Buffer | null> {
  const { rows } = await fixture.pool.query<{ secret: Buffer | null }>(
    'SELECT totp_secret_enc AS secret FROM officer WHERE id = $1',
    [officerId],
  );
  return rows[0]?.secret ?? null;
}

describe('readInvitation', () => {
  it('makes the TOTP secret when first opened, keeps it encrypted, and shows the same one again', async () => {
    const invitation = await invite();
    expect(await storedSecret(invitation.officerId)).toBeNull();
    const first = await readInvitation(fixture.accounts, invitation.enrolmentToken);
    if (!('ok' in first)) throw new Error(`refused: ${first.refused}`);
    expect(first.ok).toMatchObject({
      officerId: invitation.officerId,
      username: invitation.username,
      displayName: 'Trần Văn Bình',
      role: 'unit_lead',
      unitId: unitA,
      expiresAt: invitation.expiresAt,
    });
    expect(first.ok.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(first.ok.totpUri).toContain(`secret=${first.ok.totpSecret}`);
    expect(first.ok.totpQrSvg).toMatch(/^<svg /);
    const stored = await storedSecret(invitation.officerId);
    expect(stored).not.toBeNull();
    expect(stored?.toString('latin1')).not.toContain(first.ok.totpSecret);
    expect(fixture.accounts.cipher.decrypt(stored ?? Buffer.alloc(0))).toBe(first.ok.totpSecret);

    const again = await readInvitation(fixture.accounts, invitation.enrolmentToken);
    expect(again).toEqual(first);
  });

  it('agrees on one secret when the page is opened twice at once', async () => {
    const invitation = await invite();
    const views = await Promise.all(
      Array.from({ length: 4 }, () => readInvitation(fixture.accounts, invitation.enrolmentToken)),
    );
    const secrets = new Set(views.map((view) => ('ok' in view ? view.ok.totpSecret : view.refused)));
    expect(secrets.size).toBe(1);
    expect([...secrets][0]).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('answers expired after 72 hours and unknown for a token never issued', async () => {
    const invitation = await invite();
    fixture.advance(72 * 3600 - 1);
    expect(await readInvitation(fixture.accounts, invitation.enrolmentToken)).toHaveProperty('ok');
    fixture.advance(1);
    expect(await readInvitation(fixture.accounts, invitation.enrolmentToken)).toEqual({ refused: 'expired' });
    expect(await readInvitation(fixture.accounts, 'x'.repeat(43))).toEqual({ refused: 'unknown' });
  });
});
