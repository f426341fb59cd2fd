import type { Database } from '../database/create-database-client.ts';
import { listPoliceUnits } from '../triage/police-units.ts';

/**
 * Makes sure every police unit of the administrative list exists (34 provincial, 3,321 commune).
 * Idempotent and additive: existing rows are left as they are, so a later console edit survives.
 */
export async function seedPoliceUnits(db: Database): Promise<number> {
  const units = listPoliceUnits();
  let inserted = 0;
  for (let i = 0; i < units.length; i += 1000) {
    const batch = units.slice(i, i + 1000);
    const result = await db.policeUnit.createMany({
      data: batch.map((u) => ({
        id: u.id,
        name: u.name,
        level: u.level,
        provinceCode: u.provinceCode,
        wardCode: u.wardCode,
        parentId: u.parentId,
      })),
      skipDuplicates: true,
    });
    inserted += result.count;
  }
  return inserted;
}
