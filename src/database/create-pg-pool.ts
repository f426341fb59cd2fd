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

// A transaction that hangs would keep its chat's advisory lock and a connection for ever: a
// statement may run 20 s, and a transaction may sit idle between statements 30 s.
const begin =
  "BEGIN; SET LOCAL statement_timeout = '20s'; SET LOCAL idle_in_transaction_session_timeout = '30s'";

/** Runs `work` in one transaction on one connection, within time limits; rolls back when it throws. */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(begin);
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
