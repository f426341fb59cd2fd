import type { Logger } from 'pino';
import {
  type BackgroundLoop,
  type BackgroundLoopMetrics,
  createBackgroundLoop,
} from '../../platform/process/background-loop.ts';
import { type AlertSettings, queueOfficerAlerts } from './queue-officer-alerts.ts';
import { type AlertSender, sendOfficerAlerts } from './send-officer-alerts.ts';

const batchSize = 20;

/**
 * The worker's loop of officer alerts: each round queues the new-information and limit alerts the
 * reports call for, then pushes the due ones (urgent alerts are queued when a triaged report is
 * taken up, see sendReceiptNotices, which kicks this loop). Every `intervalMs` otherwise.
 * @example const loop = createOfficerAlertLoop({ sender, settings, logger, intervalMs: 5000 }); loop.start();
 */
export function createOfficerAlertLoop(options: {
  sender: AlertSender;
  settings: AlertSettings;
  logger: Logger;
  intervalMs: number;
  clock?: () => Date;
  loopMetrics?: BackgroundLoopMetrics;
}): BackgroundLoop {
  const clock = options.clock ?? (() => new Date());
  return createBackgroundLoop({
    name: 'officer_alerts',
    metrics: options.loopMetrics,
    intervalMs: options.intervalMs,
    pauseAfterErrorMs: options.intervalMs,
    round: async () => {
      await queueOfficerAlerts(options.sender.pool, options.settings, clock());
      return (await sendOfficerAlerts(options.sender, clock(), batchSize)) === batchSize;
    },
    onError: (error) =>
      options.logger.warn(
        { err: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
        'officer alert round failed',
      ),
  });
}
