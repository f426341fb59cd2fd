import type { Database } from '../../platform/database/create-database-client.ts';
import { listPoliceUnits } from './police-units.ts';

/**
 * Makes sure every police unit of the administrative list exists (34 provincial, 3,321 commune).
 * Idempotent and additive: existing rows are left as they are, so a later console edit survives.
 * One statement over arrays: far lighter than thousands of ORM objects, and skipped entirely when
 * the table already holds the whole list.
 */
export async function seedPoliceUnits(db: Database): Promise<number> {
  const units = listPoliceUnits();
  const [present] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM police_unit`;
  if (Number(present?.n ?? 0) >= units.length) return 0;
  return db.$executeRaw`
    INSERT INTO police_unit (id, name, level, province_code, ward_code, parent_id)
    SELECT * FROM unnest(
      ${units.map((u) => u.id)}::text[], ${units.map((u) => u.name)}::text[], ${units.map((u) => u.level)}::text[],
      ${units.map((u) => u.provinceCode)}::text[], ${units.map((u) => u.wardCode)}::text[],
      ${units.map((u) => u.parentId)}::text[])
    ON CONFLICT (id) DO NOTHING`;
}
