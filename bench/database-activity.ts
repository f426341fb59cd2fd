import type { BenchDatabases } from './bench-databases.ts';

export interface DatabaseActivity {
  commits: number;
  rollbacks: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
  inboundEvents: number;
  /** Commits per inbound update, counting every process (intake, outbound, relay, triage, sweeps). */
  commitsPerUpdate: number;
  rowsWrittenPerUpdate: number;
}

/**
 * What the system asked of PostgreSQL over a whole phase, from `pg_stat_database` of the phase's
 * own fresh database. Read after the processes stopped, so every backend has flushed its counters.
 */
export async function readDatabaseActivity(
  databases: BenchDatabases,
  name: string,
): Promise<DatabaseActivity> {
  const [stats] = await databases.query<{
    xact_commit: string;
    xact_rollback: string;
    tup_inserted: string;
    tup_updated: string;
    tup_deleted: string;
  }>(
    name,
    `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  const [events] = await databases.query<{ n: string }>(name, 'SELECT count(*) AS n FROM inbound_event');
  const inboundEvents = Number(events?.n ?? 0);
  const written =
    Number(stats?.tup_inserted ?? 0) + Number(stats?.tup_updated ?? 0) + Number(stats?.tup_deleted ?? 0);
  const perUpdate = (n: number) => (inboundEvents === 0 ? 0 : Math.round((n / inboundEvents) * 10) / 10);
  return {
    commits: Number(stats?.xact_commit ?? 0),
    rollbacks: Number(stats?.xact_rollback ?? 0),
    rowsInserted: Number(stats?.tup_inserted ?? 0),
    rowsUpdated: Number(stats?.tup_updated ?? 0),
    rowsDeleted: Number(stats?.tup_deleted ?? 0),
    inboundEvents,
    commitsPerUpdate: perUpdate(Number(stats?.xact_commit ?? 0)),
    rowsWrittenPerUpdate: perUpdate(written),
  };
}
