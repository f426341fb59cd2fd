import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import type { AccountActor, AccountsContext } from './accounts-context.ts';
import { endAllSessions } from './end-session.ts';
import { recordAuthEvent } from './record-auth-event.ts';

export type DeactivationResult =
  | { ok: { sessionsEnded: number } }
  | { refused: 'forbidden' | 'self' | 'unknown' | 'already_inactive' };

/**
 * An admin deactivates an account: it can no longer log in or enrol, and every open session of it
 * ends in the same transaction, so no request after the commit is served to it. An admin cannot
 * deactivate themself (the last admin would lock everyone out of account management).
 */
export async function deactivateOfficer(
  ctx: AccountsContext,
  actor: AccountActor,
  officerId: string,
): Promise<DeactivationResult> {
  if (actor.role !== 'admin') return { refused: 'forbidden' };
  if (actor.officerId === officerId) return { refused: 'self' };
  const at = ctx.clock();
  return inTransaction(ctx.pool, {}, async (client) => {
    const { rows } = await client.query<{ active: boolean }>({
      name: 'accounts-lock-officer',
      text: 'SELECT active FROM officer WHERE id = $1 FOR UPDATE',
      values: [officerId],
    });
    const officer = rows[0];
    if (!officer) return { refused: 'unknown' };
    if (!officer.active) return { refused: 'already_inactive' };
    await client.query({
      name: 'accounts-deactivate-officer',
      text: 'UPDATE officer SET active = false, deactivated_at = $2 WHERE id = $1',
      values: [officerId, at],
    });
    const sessionsEnded = await endAllSessions(client, officerId, {
      reason: 'deactivated',
      at,
      by: actor.officerId,
    });
    await recordAuthEvent(client, {
      kind: 'deactivated',
      officerId,
      at,
      detail: { by: actor.officerId, sessions: sessionsEnded },
    });
    return { ok: { sessionsEnded } };
  });
}
