import type { PgClient, PgPool } from '../../platform/database/create-pg-pool.ts';

/**
 * Marks `step` used for the officer, if it is later than every step used before: one
 * compare-and-set UPDATE, so of two logins presenting the same code at once exactly one wins (the
 * other's UPDATE waits for the row, re-reads it and no longer matches). A code of an earlier or
 * equal step is refused, which also refuses the code before the one just used.
 */
export async function consumeTotpStep(
  db: PgPool | PgClient,
  officerId: string,
  step: number,
): Promise<boolean> {
  const { rowCount } = await db.query({
    name: 'accounts-consume-totp-step',
    text: `UPDATE officer SET totp_last_step = $2
            WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
    values: [officerId, step],
  });
  return rowCount === 1;
}
