import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { ConsoleUser } from '../access/console-user.ts';

/**
 * An officer or unit lead of the report's unit opened it: its new information is seen, and the
 * queue stops marking it. A supervisor's look changes nothing. Returns whether a mark was cleared.
 */
export async function acknowledgeNewInformation(
  pool: PgPool,
  user: ConsoleUser,
  reportId: string,
): Promise<boolean> {
  if (user.role !== 'officer' && user.role !== 'unit_lead') return false;
  const { rowCount } = await pool.query(
    `UPDATE report SET new_information_at = NULL
      WHERE id = $1 AND unit_id = ANY($2::text[]) AND new_information_at IS NOT NULL`,
    [reportId, user.units],
  );
  return (rowCount ?? 0) > 0;
}
