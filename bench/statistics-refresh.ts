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
 * copy, and the planner picks plans no deployment would use: the outbound claim read all 45,000
 * pending messages with a bitmap scan and a sort (214 ms a round) instead of walking its index
 * (3 ms). So while a system runs, its database is analysed every `intervalMs`, one ANALYZE at a
 * time on a connection of its own; its CPU counts with PostgreSQL's, as autovacuum's would.
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
    analysing = analysing.then(() => client.query('ANALYZE').catch(() => {}));
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
