import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { Figures } from '../figures/read-figures.ts';

export interface PeriodSnapshot {
  id: string;
  unitId: string;
  unitName: string;
  from: Date;
  to: Date;
  closedBy: string;
  closedAt: Date;
  /** The figures as they stood at closing (JSON: dates as ISO strings). */
  figures: Figures;
  listHashes: Record<string, { count: number; sha256: string }>;
  hash: string;
}

const columns = `s.id::text AS id, s.unit_id AS "unitId", u.name AS "unitName", s.period_from AS "from",
  s.period_to AS "to", o.display_name AS "closedBy", s.closed_at AS "closedAt", s.figures,
  s.list_hashes AS "listHashes", s.hash
  FROM period_snapshot s JOIN police_unit u ON u.id = s.unit_id JOIN officer o ON o.id = s.closed_by`;

/** The closed periods of units the reader may read, newest period first. */
export async function readPeriodSnapshots(
  pool: PgPool,
  units: readonly string[],
  limit = 50,
): Promise<PeriodSnapshot[]> {
  const { rows } = await pool.query<PeriodSnapshot>(
    `SELECT ${columns} WHERE s.unit_id = ANY($1::text[]) ORDER BY s.period_from DESC, s.unit_id LIMIT $2`,
    [units, limit],
  );
  return rows;
}

/** One closed period, if it is of a unit the reader may read; null otherwise. */
export async function readPeriodSnapshot(
  pool: PgPool,
  units: readonly string[],
  id: string,
): Promise<PeriodSnapshot | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await pool.query<PeriodSnapshot>(
    `SELECT ${columns} WHERE s.id = $2::bigint AND s.unit_id = ANY($1::text[])`,
    [units, id],
  );
  return rows[0] ?? null;
}
