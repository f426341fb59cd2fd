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

/** Where the server's WAL stood when a phase began, for `readDatabaseActivity`. */
export async function readWalPosition(databases: BenchDatabases, name: string): Promise<string> {
  const [row] = await databases.query<{ lsn: string }>(name, 'SELECT pg_current_wal_lsn()::text AS lsn');
  if (!row) throw new Error('no WAL position');
  return row.lsn;
}

/**
 * What the system asked of PostgreSQL over a whole phase, from `pg_stat_database` of the phase's
 * own fresh database. Read after the processes stopped, so every backend has flushed its counters.
 */
export async function readDatabaseActivity(
  databases: BenchDatabases,
  name: string,
  walAtStart: string,
): Promise<DatabaseActivity> {
  const [stats] = await databases.query<{
    xact_commit: string;
    xact_rollback: string;
    tup_inserted: string;
    tup_updated: string;
    tup_deleted: string;
    blocks: string;
    wal_bytes: string;
  }>(
    name,
    `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, blks_hit + blks_read AS blocks,
            pg_wal_lsn_diff(pg_current_wal_lsn(), '${/^[0-9A-F]+\/[0-9A-F]+$/.test(walAtStart) ? walAtStart : '0/0'}') AS wal_bytes
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
    bufferAccessesPerUpdate: perUpdate(Number(stats?.blocks ?? 0)),
    walBytesPerUpdate: Math.round(perUpdate(Number(stats?.wal_bytes ?? 0))),
  };
}
