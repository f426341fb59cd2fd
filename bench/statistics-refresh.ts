import pg from 'pg';

export interface StatisticsRefresh {
  /** Whether it runs: only when the server's autovacuum is off. */
  readonly running: boolean;
  stop(): Promise<void>;
}

/**
 * A stand-in for autovacuum's ANALYZE on a server that runs without autovacuum (the development
 * machines here do). A deployment has autovacuum, so the planner knows how many rows a table holds
 * and how they spread; without it, tables filled during a run keep the statistics of the empty
 * copy, and the planner picks plans no deployment would use: on a copy of the outbound queue
 * without statistics the claim read all 45,000 pending messages with a bitmap scan and a sort
 * (214 ms a round) instead of walking its index (3 ms). So while a system runs, every
 * `intervalMs` the tables that autovacuum's default rule would analyse (rows changed since the
 * last analysis > 50 + 10% of the table) are analysed, one at a time on a connection of its own;
 * the CPU counts with PostgreSQL's, as autovacuum's would.
 */
export async function startStatisticsRefresh(
  databaseUrl: string,
  intervalMs: number,
): Promise<StatisticsRefresh> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ autovacuum: string }>('SHOW autovacuum');
  if (rows[0]?.autovacuum === 'on') {
    await client.end();
    return { running: false, stop: async () => {} };
  }
  let analysing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    analysing = analysing.then(() => analyseChangedTables(client).catch(() => {}));
  }, intervalMs);
  return {
    running: true,
    async stop() {
      clearInterval(timer);
      await analysing;
      await client.end().catch(() => {});
    },
  };
}

/** Autovacuum's defaults: autovacuum_analyze_threshold 50, autovacuum_analyze_scale_factor 0.1. */
async function analyseChangedTables(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT quote_ident(s.schemaname) || '.' || quote_ident(s.relname) AS name
     FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`,
  );
  for (const { name } of rows) await client.query(`ANALYZE ${name}`);
}
