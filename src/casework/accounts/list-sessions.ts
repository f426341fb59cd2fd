import type { ConsoleUser } from '../access/console-user.ts';
import type { AccountsContext } from './accounts-context.ts';
import { sessionHandle } from './session-handle.ts';

export interface SessionListing {
  /** What the console shows and `endOwnSession` takes; never the session's id. */
  handle: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  address: string | null;
  userAgent: string | null;
  /** Whether this is the session asking. */
  current: boolean;
}

/**
 * The open sessions of an officer (not ended, within both limits), newest first: an officer's
 * own, or anyone's for an admin. Null when the actor may not see them.
 */
export async function listSessions(
  ctx: AccountsContext,
  actor: Pick<ConsoleUser, 'officerId' | 'role' | 'sessionId'>,
  officerId: string,
): Promise<SessionListing[] | null> {
  if (actor.officerId !== officerId && actor.role !== 'admin') return null;
  const now = ctx.clock();
  const idleSince = new Date(now.getTime() - ctx.sessions.idleSeconds * 1000);
  const { rows } = await ctx.pool.query<Omit<SessionListing, 'handle' | 'current'> & { id: string }>({
    name: 'accounts-list-sessions',
    text: `SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt",
                  address, user_agent AS "userAgent"
             FROM officer_session
            WHERE officer_id = $1 AND ended_at IS NULL AND expires_at > $2 AND last_seen_at >= $3
            ORDER BY created_at DESC`,
    values: [officerId, now, idleSince],
  });
  return rows.map(({ id, ...row }) => ({
    ...row,
    handle: sessionHandle(id),
    current: id === actor.sessionId,
  }));
}
