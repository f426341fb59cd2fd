import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { DailyChainHead } from './daily-chain-heads.ts';
import type { LedgerProblem } from './ledger-problem.ts';
import { type LedgerVerdict, verifyLedger } from './verify-ledger.ts';

/** A verification kept: the verdict, who ran it and when it started and ended. */
export interface RecordedVerification extends LedgerVerdict {
  by: 'worker' | 'command';
  startedAt: Date;
  finishedAt: Date;
}

/** Verdicts kept: a day and a half of the worker's hourly ones, besides the commands'. */
const kept = 36;

/**
 * Verifies the whole ledger (verifyLedger) and keeps the verdict with its daily heads, so the
 * console shows it without walking millions of entries per page; older verdicts beyond the last
 * 36 are dropped. @example await recordLedgerVerification(pool, 'command')
 */
export async function recordLedgerVerification(
  pool: PgPool,
  by: RecordedVerification['by'],
  signal?: AbortSignal,
): Promise<RecordedVerification> {
  const startedAt = new Date();
  const verdict = await verifyLedger(pool, signal);
  const finishedAt = new Date();
  await pool.query(
    `WITH kept AS (
       INSERT INTO ledger_verification (started_at, finished_at, by, entries, last_hash, problem, heads)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)
     DELETE FROM ledger_verification WHERE id <= (SELECT id FROM kept) - $8::int`,
    [
      startedAt,
      finishedAt,
      by,
      verdict.entries,
      verdict.lastHash,
      verdict.problem === null ? null : JSON.stringify(verdict.problem),
      JSON.stringify(verdict.heads),
      kept,
    ],
  );
  return { ...verdict, by, startedAt, finishedAt };
}

/** The latest verification kept, or null before the first. */
export async function readLatestVerification(pool: PgPool): Promise<RecordedVerification | null> {
  const { rows } = await pool.query<{
    by: RecordedVerification['by'];
    started_at: Date;
    finished_at: Date;
    entries: number;
    last_hash: string;
    problem: LedgerProblem | null;
    heads: DailyChainHead[];
  }>(
    `SELECT by, started_at, finished_at, entries, last_hash, problem, heads
       FROM ledger_verification ORDER BY id DESC LIMIT 1`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    by: row.by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    entries: row.entries,
    lastHash: row.last_hash,
    problem: row.problem,
    heads: row.heads,
  };
}
