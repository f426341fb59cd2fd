import { afterAll, beforeAll } from 'vitest';
import { createDatabaseClient, type Database } from '../../src/platform/database/create-database-client.ts';
import { createPgPool, type PgPool } from '../../src/platform/database/create-pg-pool.ts';
import { seedPoliceUnits } from '../../src/triage/units/seed-police-units.ts';
import { createPrivateDatabase, type PrivateDatabase } from './private-database.ts';

export interface SeededDatabase {
  url: string;
  db: Database;
  pool: PgPool;
}

/**
 * A database of the test file's own with the police units seeded, and a Prisma client and a pg
 * pool on it: created before the file's tests, dropped after them. Its fields are set in beforeAll.
 */
export function useSeededDatabase(): SeededDatabase {
  const seeded = {} as SeededDatabase;
  let database: PrivateDatabase | undefined;
  beforeAll(async () => {
    database = await createPrivateDatabase();
    seeded.url = database.url;
    seeded.db = createDatabaseClient(database.url, 2);
    await seedPoliceUnits(seeded.db);
    seeded.pool = createPgPool(database.url, 2);
  });
  afterAll(async () => {
    await seeded.pool?.end();
    await seeded.db?.$disconnect();
    await database?.drop();
  });
  return seeded;
}
