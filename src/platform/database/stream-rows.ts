import { checkOut, type PgPool } from './create-pg-pool.ts';

/**
 * The rows of one read-only statement, `batch` at a time, from a server-side cursor in one
 * REPEATABLE READ transaction: a single pass over the data (keyset pages would sort a big result
 * again for every page) in flat memory, every row from the same snapshot. The consumer's pace
 * holds the cursor open: an idle gap longer than `idleLimit` between two batches ends the
 * transaction and fails the stream. Stopping early (break, a closed download) rolls back. JIT is
 * off: a cursor's first rows should come at once, not after compiling for a plan's estimate.
 * @example for await (const row of streamRows(pool, 'SELECT id FROM report', [])) …
 */
export async function* streamRows<Row>(
  pool: PgPool,
  sql: string,
  parameters: unknown[],
  options: { batch?: number; idleLimit?: string } = {},
): AsyncGenerator<Row> {
  const batch = options.batch ?? 500;
  const connection = await checkOut(pool);
  const { client } = connection;
  try {
    await client.query(
      `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = '20s'; SET LOCAL jit = off;
       SET LOCAL idle_in_transaction_session_timeout = '${options.idleLimit ?? '5min'}'`,
    );
    await client.query(`DECLARE rows NO SCROLL CURSOR FOR ${sql}`, parameters);
    for (;;) {
      const { rows } = await client.query<Row & object>(`FETCH ${batch} FROM rows`);
      yield* rows;
      if (rows.length < batch) break;
    }
    await client.query('COMMIT');
  } finally {
    // Still in the transaction when the consumer stopped or a statement failed.
    await client.query('ROLLBACK').catch(() => connection.markBroken());
    connection.release();
  }
}
