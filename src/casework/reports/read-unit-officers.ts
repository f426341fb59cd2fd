import type { PgPool } from '../../platform/database/create-pg-pool.ts';

/** The active officers and unit leads of a unit, whom a report of it may be assigned to. */
export async function readUnitOfficers(
  pool: PgPool,
  unitId: string,
): Promise<{ id: string; displayName: string }[]> {
  const { rows } = await pool.query<{ id: string; displayName: string }>(
    `SELECT id, display_name AS "displayName" FROM officer
      WHERE unit_id = $1 AND active AND role IN ('officer', 'unit_lead') ORDER BY display_name, id`,
    [unitId],
  );
  return rows;
}
