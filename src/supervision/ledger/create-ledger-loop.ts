import type { Logger } from 'pino';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import {
  type BackgroundLoop,
  type BackgroundLoopMetrics,
  createBackgroundLoop,
} from '../../platform/process/background-loop.ts';
import { appendLedger } from './append-ledger.ts';
import { ledgerProgress } from './ledger-progress.ts';

const batchSize = 500;

/**
 * The worker's loop that seals new register lines and status events into the ledger every
 * `intervalMs` (nothing kicks it: the intake must not wait for it, and a line sealed a few seconds
 * late is as safe), back to back while a backlog lasts. It keeps the floors of what it sealed, so
 * its first round sweeps everything and later ones read only what is new.
 * @example const loop = createLedgerLoop({ pool, logger, intervalMs: 10_000 }); loop.start();
 */
export function createLedgerLoop(options: {
  pool: PgPool;
  logger: Logger;
  intervalMs: number;
  loopMetrics?: BackgroundLoopMetrics;
  /** How long a transaction may stay open at most (see LedgerProgress); an hour by default. */
  horizonMs?: number;
}): BackgroundLoop {
  const progress = ledgerProgress(options.horizonMs === undefined ? {} : { horizonMs: options.horizonMs });
  return createBackgroundLoop({
    name: 'ledger',
    metrics: options.loopMetrics,
    intervalMs: options.intervalMs,
    pauseAfterErrorMs: options.intervalMs,
    // A full batch of either kind may leave more: go again at once.
    round: async () => (await appendLedger(options.pool, batchSize, progress)) >= batchSize,
    onError: (error) =>
      options.logger.warn(
        { err: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
        'ledger round failed',
      ),
  });
}
