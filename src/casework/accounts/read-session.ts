import { type ConsoleUser, type OfficerRole, readUnitScope } from '../access/console-user.ts';
import type { AccountsContext } from './accounts-context.ts';
import { endSessionById, type SessionEndReason } from './end-session.ts';
import { tokenHash } from './random-token.ts';
import { sessionHandle } from './session-handle.ts';

export interface OpenSession {
  user: ConsoleUser;
  /** The token every form of this session must carry back. */
  csrfToken: string;
  handle: string;
  expiresAt: Date;
}

export type SessionRefusal = 'unknown' | 'ended' | Extract<SessionEndReason, 'idle' | 'expired' | 'inactive'>;

export type SessionLookup = { ok: OpenSession } | { refused: SessionRefusal };

interface SessionRow {
  officerId: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  username: string;
  displayName: string;
  role: OfficerRole;
  unitId: string | null;
  active: boolean;
}

// Tokens are 32 random bytes in base64url: anything else is not looked up at all.
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * The session of a cookie's token, with the officer as a ConsoleUser (their unit scope read), or
 * why not: unknown, ended, idle past the idle limit, past its absolute end, or its officer
 * deactivated (a session found idle, expired or inactive is ended then, with its event).
 * `last_seen_at` is moved at most once per `touchSeconds`, so a session may end up to that much
 * before the idle limit after its last request, never after it.
 * @example const found = await readSession(accounts, request.cookies.session)
 */
export async function readSession(ctx: AccountsContext, token: string | undefined): Promise<SessionLookup> {
  if (token === undefined || !tokenShape.test(token)) return { refused: 'unknown' };
  const id = tokenHash(token);
  const { rows } = await ctx.pool.query<SessionRow>({
    name: 'accounts-read-session',
    text: `SELECT s.officer_id AS "officerId", s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt",
                  s.expires_at AS "expiresAt", s.ended_at AS "endedAt", o.username,
                  o.display_name AS "displayName", o.role, o.unit_id AS "unitId", o.active
             FROM officer_session s JOIN officer o ON o.id = s.officer_id
            WHERE s.id = $1`,
    values: [id],
  });
  const row = rows[0];
  if (!row) return { refused: 'unknown' };
  if (row.endedAt !== null) return { refused: 'ended' };
  const now = ctx.clock();
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  const lapsed: SessionRefusal | null = !row.active
    ? 'inactive'
    : now >= row.expiresAt
      ? 'expired'
      : idleMs > ctx.sessions.idleSeconds * 1000
        ? 'idle'
        : null;
  if (lapsed !== null) {
    await endSessionById(ctx, id, lapsed);
    return { refused: lapsed };
  }
  if (idleMs >= ctx.sessions.touchSeconds * 1000) {
    await ctx.pool.query({
      name: 'accounts-touch-session',
      text: 'UPDATE officer_session SET last_seen_at = $2 WHERE id = $1 AND ended_at IS NULL',
      values: [id, now],
    });
  }
  const units = await readUnitScope(ctx.pool, row);
  const user: ConsoleUser = {
    officerId: row.officerId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unitId: row.unitId,
    units,
    sessionId: id,
  };
  return { ok: { user, csrfToken: row.csrfToken, handle: sessionHandle(id), expiresAt: row.expiresAt } };
}
