import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { recordAuthEvent } from '../accounts/record-auth-event.ts';

/**
 * Ends the Telegram link of an account: the user's own, or any account's for an admin (a lost
 * phone). Pushes still queued for it are then dropped unsent. Returns false when there was no
 * link, or when the user may not unlink that account.
 */
export async function unlinkOfficerTelegram(
  pool: PgPool,
  user: Pick<ConsoleUser, 'officerId' | 'role'>,
  officerId: string,
  now: Date,
): Promise<boolean> {
  if (officerId !== user.officerId && user.role !== 'admin') return false;
  return inTransaction(pool, {}, async (client) => {
    const { rows } = await client.query<{ bot: 'citizen' | 'officer' }>(
      'DELETE FROM officer_telegram_link WHERE officer_id = $1 RETURNING bot',
      [officerId],
    );
    const link = rows[0];
    if (!link) return false;
    await recordAuthEvent(client, {
      kind: 'telegram_unlinked',
      officerId,
      at: now,
      detail:
        officerId === user.officerId
          ? { bot: link.bot, reason: 'console' }
          : { bot: link.bot, reason: 'admin', by: user.officerId },
    });
    return true;
  });
}
