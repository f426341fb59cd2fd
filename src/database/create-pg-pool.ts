import pg from 'pg';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

// bigint columns (ids) come back as strings; timestamps as Date. Nothing is parsed as a number.

/**
 * A plain node-postgres pool for the hot paths (webhook commits, conversation turns, outbound
 * delivery), where the ORM's per-statement cost was most of the CPU. A broken idle connection is
 * dropped, never an unhandled error that would end the process.
 */
export function createPgPool(url: string, size: number): PgPool {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', () => {});
  return pool;
}

/** Runs `work` in one transaction on one connection; rolls back when it throws. */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
