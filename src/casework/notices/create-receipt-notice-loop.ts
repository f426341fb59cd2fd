import type { Logger } from 'pino';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import {
  type BackgroundLoop,
  type BackgroundLoopMetrics,
  createBackgroundLoop,
} from '../../platform/process/background-loop.ts';
import type { AlertSettings } from '../alerts/queue-officer-alerts.ts';
import { sendReceiptNotices } from './send-receipt-notices.ts';

const batchSize = 100;

/**
 * The worker's loop that writes the receipt notice of each triaged report (triage may not import
 * casework, so casework picks them up): kicked when a triage job finishes, and every `intervalMs`
 * for the ones a restart left behind.
 * @example const loop = createReceiptNoticeLoop({ pool, cipher, logger, intervalMs: 5000 }); loop.start();
 */
export function createReceiptNoticeLoop(options: {
  pool: PgPool;
  cipher: FieldCipher;
  logger: Logger;
  intervalMs: number;
  clock?: () => Date;
  loopMetrics?: BackgroundLoopMetrics;
  /** When officers take Telegram alerts: the urgent ones are queued here, then this is called. */
  alerts?: { settings: AlertSettings; queued: () => void };
}): BackgroundLoop {
  const clock = options.clock ?? (() => new Date());
  return createBackgroundLoop({
    name: 'receipt_notices',
    metrics: options.loopMetrics,
    intervalMs: options.intervalMs,
    pauseAfterErrorMs: options.intervalMs,
    round: async () => {
      const alerts = options.alerts;
      const noticed = await sendReceiptNotices(
        options.pool,
        options.cipher,
        clock(),
        batchSize,
        alerts?.settings,
      );
      if (noticed > 0) alerts?.queued();
      return noticed === batchSize;
    },
    onError: (error) =>
      options.logger.warn(
        { err: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
        'receipt notice round failed',
      ),
  });
}
