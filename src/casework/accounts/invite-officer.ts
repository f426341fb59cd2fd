import { randomUUID } from 'node:crypto';
import type { OfficerRole } from '../access/console-user.ts';
import type { AccountActor, AccountsContext } from './accounts-context.ts';
import { isValidUsername, normalizeUsername } from './normalize-username.ts';
import { randomToken, tokenHash } from './random-token.ts';
import { recordAuthEvent } from './record-auth-event.ts';

export interface NewOfficer {
  username: string;
  displayName: string;
  role: OfficerRole;
  /** The police unit; required for every role but admin, and refused for an admin. */
  unitId: string | null;
}

export type InvitationRefusal =
  | 'forbidden'
  | 'invalid_username'
  | 'invalid_display_name'
  | 'username_taken'
  | 'unit_required'
  | 'unit_not_allowed'
  | 'unknown_unit';

export type InvitationResult =
  | { ok: { officerId: string; username: string; enrolmentToken: string; expiresAt: Date } }
  | { refused: InvitationRefusal };

/** How long an enrolment link works. */
export const invitationHours = 72;
const longestDisplayName = 120;

/**
 * An admin invites an officer: the account is created without a password or TOTP secret, with a
 * one-time enrolment token (returned this once, stored as its SHA-256) that works for 72 hours.
 * @example const made = await inviteOfficer(accounts, user, { username, displayName, role: 'officer', unitId })
 */
export async function inviteOfficer(
  ctx: AccountsContext,
  actor: AccountActor,
  officer: NewOfficer,
): Promise<InvitationResult> {
  if (actor.role !== 'admin') return { refused: 'forbidden' };
  return insertInvitation(ctx, officer, actor.officerId);
}

/**
 * The invitation of an admin by `npm run admin:create`, for a fresh install (or when no admin can
 * log in any more): whoever runs it on the server already holds the database. Refused only when
 * the login name is taken.
 */
export function inviteAdminFromCommandLine(
  ctx: AccountsContext,
  admin: { username: string; displayName: string },
): Promise<InvitationResult> {
  return insertInvitation(ctx, { ...admin, role: 'admin', unitId: null }, null);
}

async function insertInvitation(
  ctx: AccountsContext,
  officer: NewOfficer,
  invitedBy: string | null,
): Promise<InvitationResult> {
  const username = normalizeUsername(officer.username);
  if (!isValidUsername(username)) return { refused: 'invalid_username' };
  const displayName = officer.displayName.normalize('NFC').trim();
  if (displayName === '' || displayName.length > longestDisplayName || /\p{Cc}/u.test(displayName)) {
    return { refused: 'invalid_display_name' };
  }
  if (officer.role === 'admin' && officer.unitId !== null) return { refused: 'unit_not_allowed' };
  if (officer.role !== 'admin') {
    if (officer.unitId === null) return { refused: 'unit_required' };
    const unit = await ctx.pool.query({
      name: 'accounts-unit-exists',
      text: 'SELECT 1 FROM police_unit WHERE id = $1',
      values: [officer.unitId],
    });
    if (unit.rowCount === 0) return { refused: 'unknown_unit' };
  }
  const enrolmentToken = randomToken();
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + invitationHours * 3600_000);
  const { rows } = await ctx.pool.query<{ id: string }>({
    name: 'accounts-insert-invitation',
    text: `INSERT INTO officer
             (id, username, display_name, role, unit_id, enrol_token_hash, enrol_expires_at, created_at, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           ON CONFLICT (username) DO NOTHING RETURNING id`,
    values: [
      randomUUID(),
      username,
      displayName,
      officer.role,
      officer.unitId,
      tokenHash(enrolmentToken),
      expiresAt,
      now,
      invitedBy,
    ],
  });
  const officerId = rows[0]?.id;
  if (officerId === undefined) return { refused: 'username_taken' };
  await recordAuthEvent(ctx.pool, {
    kind: 'invited',
    officerId,
    at: now,
    detail: { role: officer.role, unitId: officer.unitId, ...(invitedBy ? { by: invitedBy } : {}) },
  });
  return { ok: { officerId, username, enrolmentToken, expiresAt } };
}
