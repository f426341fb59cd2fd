import type { OfficerRole } from '../access/console-user.ts';
import type { AccountActor, AccountsContext } from './accounts-context.ts';

/** Where an account stands: enrolled and usable, invited (link open or expired), or deactivated. */
export type AccountState = 'active' | 'invited' | 'invitation_expired' | 'inactive';

export interface OfficerListing {
  id: string;
  username: string;
  displayName: string;
  role: OfficerRole;
  unitId: string | null;
  unitName: string | null;
  state: AccountState;
  createdAt: Date;
  enrolledAt: Date | null;
  deactivatedAt: Date | null;
  openSessions: number;
  /** Whether a Telegram account is linked for alerts (an admin may unlink it). */
  telegramLinked: boolean;
}

/**
 * A page of accounts for an admin, by login name after `after`: who they are, their unit, their
 * state and open sessions. Nothing about cases: an admin manages accounts only. Null for anyone
 * but an admin.
 */
export async function listOfficers(
  ctx: AccountsContext,
  actor: AccountActor,
  page: { after?: string; limit: number },
): Promise<OfficerListing[] | null> {
  if (actor.role !== 'admin') return null;
  const now = ctx.clock();
  const idleSince = new Date(now.getTime() - ctx.sessions.idleSeconds * 1000);
  const { rows } = await ctx.pool.query<OfficerListing>({
    name: 'accounts-list-officers',
    text: `SELECT o.id, o.username, o.display_name AS "displayName", o.role, o.unit_id AS "unitId",
                  u.name AS "unitName",
                  CASE WHEN NOT o.active THEN 'inactive'
                       WHEN o.enrolled_at IS NOT NULL THEN 'active'
                       WHEN o.enrol_expires_at > $1 THEN 'invited'
                       ELSE 'invitation_expired' END AS state,
                  o.created_at AS "createdAt", o.enrolled_at AS "enrolledAt", o.deactivated_at AS "deactivatedAt",
                  (SELECT count(*)::int FROM officer_session s
                    WHERE s.officer_id = o.id AND s.ended_at IS NULL AND s.expires_at > $1
                      AND s.last_seen_at >= $2) AS "openSessions",
                  EXISTS (SELECT 1 FROM officer_telegram_link l WHERE l.officer_id = o.id) AS "telegramLinked"
             FROM officer o LEFT JOIN police_unit u ON u.id = o.unit_id
            WHERE o.username > $3
            ORDER BY o.username
            LIMIT $4`,
    values: [now, idleSince, page.after ?? '', page.limit],
  });
  return rows;
}
