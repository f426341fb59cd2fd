import type { Logger } from 'pino';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import {
  type BackgroundLoop,
  type BackgroundLoopMetrics,
  createBackgroundLoop,
} from '../../platform/process/background-loop.ts';
import { queueDueReminders } from '../reminders/queue-due-reminders.ts';
import type { ReminderSettings } from '../reminders/reminder-settings.ts';
import { queueNewInformationAlerts } from './queue-officer-alerts.ts';
import { type AlertSender, sendOfficerAlerts } from './send-officer-alerts.ts';

const batchSize = 20;
/** The reminder points are looked for at most this often (each look reads every open limit). */
const reminderEveryMs = 60_000;

/**
 * The worker's loop of officer alerts: each round queues the new-information alerts and, once a
 * minute, the reminders, warnings and escalations of the legal limits that fell due, then pushes
 * the due ones to Telegram (urgent alerts are queued when a triaged report is taken up, see
 * sendReceiptNotices, which kicks this loop). Every `intervalMs` otherwise. Without a bot
 * (`sender` null) the alerts are still raised for the console.
 * @example const loop = createOfficerAlertLoop({ pool, sender, reminders, logger, intervalMs: 5000 }); loop.start();
 */
export function createOfficerAlertLoop(options: {
  pool: PgPool;
  sender: AlertSender | null;
  reminders: ReminderSettings;
  logger: Logger;
  intervalMs: number;
  clock?: () => Date;
  loopMetrics?: BackgroundLoopMetrics;
}): BackgroundLoop {
  const clock = options.clock ?? (() => new Date());
  let lastReminders = 0;
  return createBackgroundLoop({
    name: 'officer_alerts',
    metrics: options.loopMetrics,
    intervalMs: options.intervalMs,
    pauseAfterErrorMs: options.intervalMs,
    round: async () => {
      const now = clock();
      await queueNewInformationAlerts(options.pool, now);
      if (now.getTime() - lastReminders >= reminderEveryMs) {
        await queueDueReminders(options.pool, options.reminders, now);
        lastReminders = now.getTime();
      }
      if (!options.sender) return false;
      return (await sendOfficerAlerts(options.sender, clock(), batchSize)) === batchSize;
    },
    onError: (error) =>
      options.logger.warn(
        { err: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
        'officer alert round failed',
      ),
  });
}
