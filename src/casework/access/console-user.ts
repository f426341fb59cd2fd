import type { PgPool } from '../../platform/database/create-pg-pool.ts';

export type OfficerRole = 'officer' | 'unit_lead' | 'supervisor' | 'admin';

/**
 * The person behind a console request or an API call, as the session found them. `units` are the
 * units whose reports they may read: their own unit for officers and unit leads, the unit and its
 * subtree for a supervisor, none for an admin (accounts only). Every report query binds it.
 */
export interface ConsoleUser {
  officerId: string;
  username: string;
  displayName: string;
  role: OfficerRole;
  unitId: string | null;
  units: readonly string[];
  sessionId: string;
}

/** The units a role reads: its own, a supervisor's subtree (the police units form a tree), or none. */
export async function readUnitScope(
  pool: PgPool,
  officer: { role: OfficerRole; unitId: string | null },
): Promise<string[]> {
  if (officer.role === 'admin' || officer.unitId === null) return [];
  if (officer.role !== 'supervisor') return [officer.unitId];
  const { rows } = await pool.query<{ id: string }>(
    `WITH RECURSIVE subtree AS (
       SELECT id FROM police_unit WHERE id = $1
       UNION ALL
       SELECT u.id FROM police_unit u JOIN subtree s ON u.parent_id = s.id)
     SELECT id FROM subtree`,
    [officer.unitId],
  );
  return rows.map((r) => r.id);
}
