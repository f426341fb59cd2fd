import type { PgClient, PgPool } from '../../platform/database/create-pg-pool.ts';
import type { AccountActor, AccountsContext } from './accounts-context.ts';
import { tokenHash } from './random-token.ts';
import { recordAuthEvent } from './record-auth-event.ts';
import { sessionHandle } from './session-handle.ts';

/** Why a session ended, as `officer_session.end_reason` and its auth event say. */
export type SessionEndReason =
  | 'logout'
  | 'by_owner'
  | 'by_admin'
  | 'everywhere'
  | 'deactivated'
  | 'idle'
  | 'expired'
  | 'inactive';

/** Logs out: ends the session of `token` if it is open. Returns whether it was. */
export async function endSession(
  ctx: AccountsContext,
  token: string,
  address: string | null = null,
): Promise<boolean> {
  const id = tokenHash(token);
  const officerId = await endOne(ctx.pool, id, 'logout', ctx.clock());
  if (officerId === null) return false;
  await recordAuthEvent(ctx.pool, {
    kind: 'logout',
    officerId,
    at: ctx.clock(),
    address,
    detail: { session: sessionHandle(id) },
  });
  return true;
}

/**
 * Ends one of the actor's own open sessions, named by its public handle (`listSessions`): only
 * the actor's sessions are looked at, so another officer's handle ends nothing. Returns whether
 * a session ended.
 */
export async function endOwnSession(
  ctx: AccountsContext,
  actor: AccountActor,
  handle: string,
): Promise<boolean> {
  const { rows } = await ctx.pool.query<{ id: string }>({
    name: 'accounts-own-open-sessions',
    text: 'SELECT id FROM officer_session WHERE officer_id = $1 AND ended_at IS NULL',
    values: [actor.officerId],
  });
  const match = rows.find((row) => sessionHandle(row.id) === handle);
  if (!match) return false;
  return endSessionById(ctx, match.id, 'by_owner');
}

/**
 * Ends every open session of an officer: an admin for anyone, an officer for themself ("log out
 * everywhere"). Returns how many ended.
 */
export async function endOfficerSessions(
  ctx: AccountsContext,
  actor: AccountActor,
  officerId: string,
): Promise<{ ok: { sessions: number } } | { refused: 'forbidden' }> {
  const self = actor.officerId === officerId;
  if (!self && actor.role !== 'admin') return { refused: 'forbidden' };
  const sessions = await endAllSessions(ctx.pool, officerId, {
    reason: self ? 'everywhere' : 'by_admin',
    at: ctx.clock(),
    by: actor.officerId,
  });
  return { ok: { sessions } };
}

/**
 * Ends every open session of an officer at once, on the connection given (deactivation runs it in
 * its transaction), with one auth event when any ended. Returns how many ended.
 */
export async function endAllSessions(
  db: PgPool | PgClient,
  officerId: string,
  end: { reason: SessionEndReason; at: Date; by?: string | null },
): Promise<number> {
  const { rowCount } = await db.query({
    name: 'accounts-end-all-sessions',
    text: `UPDATE officer_session SET ended_at = $2, end_reason = $3
            WHERE officer_id = $1 AND ended_at IS NULL`,
    values: [officerId, end.at, end.reason],
  });
  const sessions = rowCount ?? 0;
  if (sessions > 0) {
    await recordAuthEvent(db, {
      kind: 'session_ended',
      officerId,
      at: end.at,
      detail: { reason: end.reason, sessions, ...(end.by ? { by: end.by } : {}) },
    });
  }
  return sessions;
}

/** Ends the session `id` if still open, with its event: one found idle, expired or inactive, or ended by its owner. */
export async function endSessionById(
  ctx: AccountsContext,
  id: string,
  reason: SessionEndReason,
): Promise<boolean> {
  const at = ctx.clock();
  const officerId = await endOne(ctx.pool, id, reason, at);
  if (officerId === null) return false;
  await recordAuthEvent(ctx.pool, {
    kind: 'session_ended',
    officerId,
    at,
    detail: { reason, session: sessionHandle(id) },
  });
  return true;
}

async function endOne(db: PgPool, id: string, reason: SessionEndReason, at: Date): Promise<string | null> {
  const { rows } = await db.query<{ officerId: string }>({
    name: 'accounts-end-session',
    text: `UPDATE officer_session SET ended_at = $2, end_reason = $3
            WHERE id = $1 AND ended_at IS NULL RETURNING officer_id AS "officerId"`,
    values: [id, at, reason],
  });
  return rows[0]?.officerId ?? null;
}
