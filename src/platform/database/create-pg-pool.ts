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
    // No statement outside a transaction (those set their own limits) hangs on a lock for ever.
    statement_timeout: 20_000,
  });
  pool.on('error', () => {});
  return pool;
}

// A transaction that hangs would keep its chat's advisory lock and a connection for ever: a
// statement may run 20 s, and a transaction may sit idle between statements 30 s.
const begin =
  "BEGIN; SET LOCAL statement_timeout = '20s'; SET LOCAL idle_in_transaction_session_timeout = '30s'";
// Keys inlined into the BEGIN round trip must be plain hex (chat keys are HMAC-SHA-256 hex).
const inlineableKey = /^[0-9a-f]{16,128}$/;

/**
 * Runs `work` in one transaction on one connection, within time limits; rolls back when it throws.
 * With `lockKey`, the transaction first takes the advisory lock of that key (held until it ends),
 * in the same round trip as BEGIN when the key is plain hex.
 */
export async function inTransaction<T>(
  pool: PgPool,
  options: { lockKey?: string },
  work: (client: PgClient) => Promise<T>,
): Promise<T> {
  const connection = await checkOut(pool);
  const { client } = connection;
  try {
    const { lockKey } = options;
    if (lockKey !== undefined && inlineableKey.test(lockKey)) {
      await client.query(`${begin}; SELECT pg_advisory_xact_lock(hashtextextended('${lockKey}', 0))`);
    } else {
      await client.query(begin);
      if (lockKey !== undefined) {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey]);
      }
    }
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => connection.markBroken());
    throw error;
  } finally {
    connection.release();
  }
}

/**
 * A connection checked out of the pool that remembers whether it broke while out. The pool
 * listens for errors only on idle clients: a connection killed while checked out (an
 * idle-in-transaction timeout, a terminated backend) must fail its own work, not the process, and
 * be destroyed rather than reused (`release`).
 */
export async function checkOut(
  pool: PgPool,
): Promise<{ client: PgClient; markBroken: () => void; release: () => void }> {
  const client = await pool.connect();
  let broken = false;
  const markBroken = () => {
    broken = true;
  };
  client.on('error', markBroken);
  return {
    client,
    markBroken,
    release: () => {
      client.off('error', markBroken);
      client.release(broken);
    },
  };
}
