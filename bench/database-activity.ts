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
  /** Shared-buffer pages read or hit by this database's backends: work that CPU noise does not move. */
  bufferAccessesPerUpdate: number;
  /** WAL written by the whole server over the phase (nothing else writes during a bench). */
  walBytesPerUpdate: number;
}

/** How many bytes of WAL the server has written so far: read when a phase begins and ends. */
export async function readWalPosition(databases: BenchDatabases, name: string): Promise<number> {
  const [row] = await databases.query<{ bytes: string }>(
    name,
    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') AS bytes",
  );
  if (!row) throw new Error('no WAL position');
  return Number(row.bytes);
}

/**
 * What the system asked of PostgreSQL over a whole phase, from `pg_stat_database` of the phase's
 * own fresh database. Read after the processes stopped, so every backend has flushed its counters.
 */
export async function readDatabaseActivity(
  databases: BenchDatabases,
  name: string,
  walAtStart: number,
): Promise<DatabaseActivity> {
  const [stats] = await databases.query<{
    xact_commit: string;
    xact_rollback: string;
    tup_inserted: string;
    tup_updated: string;
    tup_deleted: string;
    blocks: string;
  }>(
    name,
    `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, blks_hit + blks_read AS blocks
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  const walBytes = (await readWalPosition(databases, name)) - walAtStart;
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
    bufferAccessesPerUpdate: perUpdate(Number(stats?.blocks ?? 0)),
    walBytesPerUpdate: Math.round(perUpdate(walBytes)),
  };
}
