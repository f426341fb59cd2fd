import type { Logger } from 'pino';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import {
  type BackgroundLoop,
  type BackgroundLoopMetrics,
  createBackgroundLoop,
} from '../../platform/process/background-loop.ts';
import { recordLedgerVerification } from './record-ledger-verification.ts';

/**
 * The worker's loop that verifies the whole ledger every `intervalMs` (at start, then hourly by
 * default) and keeps the verdict for the console; a problem is logged as an alert (numbers and
 * ids only). Stopping abandons a verification under way. @example createLedgerVerifyLoop({ pool, logger, intervalMs: 3_600_000 }).start()
 */
export function createLedgerVerifyLoop(options: {
  pool: PgPool;
  logger: Logger;
  intervalMs: number;
  loopMetrics?: BackgroundLoopMetrics;
}): BackgroundLoop {
  const stopping = new AbortController();
  const loop = createBackgroundLoop({
    name: 'ledger-verify',
    metrics: options.loopMetrics,
    intervalMs: options.intervalMs,
    pauseAfterErrorMs: options.intervalMs,
    round: async () => {
      const verdict = await recordLedgerVerification(options.pool, 'worker', stopping.signal);
      if (verdict.problem)
        options.logger.error(
          { alert: 'ledger_problem', problem: verdict.problem },
          'the ledger does not verify',
        );
      return false;
    },
    onError: (error) => {
      if (stopping.signal.aborted) return;
      options.logger.warn(
        { err: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
        'ledger verification failed',
      );
    },
  });
  return {
    ...loop,
    // A verification under way is abandoned (minutes at millions of entries), not waited for.
    stop: async () => {
      stopping.abort();
      await loop.stop();
    },
  };
}
