import { beforeAll } from 'vitest';
import { seedPoliceUnits } from '../../src/triage/units/seed-police-units.ts';
import { type UsedDatabase, usePrivateDatabase } from './use-private-database.ts';

/**
 * A database of the test file's own with the police units seeded, and a Prisma client and a pg
 * pool on it: created before the file's tests, dropped after them. Read its fields inside a test.
 */
export function useSeededDatabase(): UsedDatabase {
  const seeded = usePrivateDatabase({ db: 2, pool: 2 });
  beforeAll(async () => {
    await seedPoliceUnits(seeded.db);
  });
  return seeded;
}
