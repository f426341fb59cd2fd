import type { AccountActor, AccountsContext } from './accounts-context.ts';
import { recordAuthEvent } from './record-auth-event.ts';

/**
 * An admin lets a deactivated account log in again, with its password and TOTP as they were (an
 * invitation that expired meanwhile stays expired).
 */
export async function reactivateOfficer(
  ctx: AccountsContext,
  actor: AccountActor,
  officerId: string,
): Promise<{ ok: true } | { refused: 'forbidden' | 'unknown_or_active' }> {
  if (actor.role !== 'admin') return { refused: 'forbidden' };
  const at = ctx.clock();
  const { rowCount } = await ctx.pool.query({
    name: 'accounts-reactivate-officer',
    text: 'UPDATE officer SET active = true, deactivated_at = NULL WHERE id = $1 AND NOT active',
    values: [officerId],
  });
  if (rowCount !== 1) return { refused: 'unknown_or_active' };
  await recordAuthEvent(ctx.pool, { kind: 'reactivated', officerId, at, detail: { by: actor.officerId } });
  return { ok: true };
}
