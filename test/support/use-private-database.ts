import { afterAll, beforeAll } from 'vitest';
import { createDatabaseClient, type Database } from '../../src/platform/database/create-database-client.ts';
import { createPgPool, type PgPool } from '../../src/platform/database/create-pg-pool.ts';
import { createPrivateDatabase, type PrivateDatabase } from './private-database.ts';

/** A private database and its clients, read through getters once beforeAll has run. */
export interface UsedDatabase {
  readonly url: string;
  /** A Prisma client on it; throws unless asked for with `db`. */
  readonly db: Database;
  /** A pg pool on it; throws unless asked for with `pool`. */
  readonly pool: PgPool;
}

/**
 * A database of the test file's own (or of the describe block it is called in): created before
 * its tests, with a Prisma client of `clients.db` connections and a pg pool of `clients.pool`
 * connections when asked for, and dropped after them.
 * `const database = usePrivateDatabase({ db: 2 });` then `database.db` inside a test.
 */
export function usePrivateDatabase(clients: { db?: number; pool?: number }): UsedDatabase {
  let database: PrivateDatabase | undefined;
  let db: Database | undefined;
  let pool: PgPool | undefined;
  beforeAll(async () => {
    database = await createPrivateDatabase();
    if (clients.db !== undefined) db = createDatabaseClient(database.url, clients.db);
    if (clients.pool !== undefined) pool = createPgPool(database.url, clients.pool);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.$disconnect();
    await database?.drop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!database) throw new Error('the private database is created in beforeAll: use it inside a test');
    if (value === undefined) throw new Error(`usePrivateDatabase was not asked for ${what}`);
    return value;
  };
  return {
    get url() {
      return started(database?.url, 'a url');
    },
    get db() {
      return started(db, 'a Prisma client (db)');
    },
    get pool() {
      return started(pool, 'a pg pool (pool)');
    },
  };
}
