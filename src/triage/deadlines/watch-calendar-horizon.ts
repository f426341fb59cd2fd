import type { Logger } from 'pino';
import type { Database } from '../../platform/database/create-database-client.ts';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { DeadlineRule } from './load-deadline-rules.ts';
import type { PublicHolidayList } from './load-public-holidays.ts';
import { type CalendarHorizon, calendarNeedsAPerson, readCalendarHorizon } from './read-calendar-horizon.ts';
import { rederivePendingDeadlines } from './rederive-pending-deadlines.ts';
import type { VietnamCalendar } from './vietnam-calendar.ts';

export interface CalendarHorizonWatchOptions {
  db: Database;
  pool: PgPool;
  logger: Logger;
  /** The list this process counts with, and the calendar made from it. */
  holidays: PublicHolidayList;
  calendar: VietnamCalendar;
  deadlineRules: readonly DeadlineRule[];
}

export interface CalendarHorizonWatch {
  /** Counts what this list can of the pending deadlines, reads the horizon, warns when due. */
  check(now?: Date): Promise<CalendarHorizon>;
}

const dayMs = 24 * 60 * 60 * 1000;
/**
 * How far back a round looks for reports marked since the one before: longer than a triage
 * batch can take between the instant it stamps (`triaged_at`) and its commit.
 */
const overlapMs = 5 * 60 * 1000;

/**
 * The worker's eye on the end of the holiday list, run at start and after each reconciler round.
 * The first check counts every pending deadline this list can (it may be longer than the list that
 * marked them); later ones only those of reports triaged since, by a worker still on an older list.
 * While the list ends within 90 days or reports wait for it, it logs a warning at the first check
 * and then at most once a day.
 */
export function createCalendarHorizonWatch(options: CalendarHorizonWatchOptions): CalendarHorizonWatch {
  const { logger } = options;
  let lookedAtUntil: Date | null = null;
  let warnedAt: number | null = null;
  return {
    async check(now = new Date()) {
      const from = new Date(now.getTime() - overlapMs);
      const { rederived } = await rederivePendingDeadlines(
        options.pool,
        { deadlineRules: options.deadlineRules, calendar: options.calendar },
        lookedAtUntil === null ? { now } : { now, triagedSince: lookedAtUntil },
      );
      lookedAtUntil = from;
      if (rederived > 0) logger.info({ rederived }, 'deadlines pending a holiday calendar counted');
      const horizon = await readCalendarHorizon(options.db, now, options.holidays);
      if (calendarNeedsAPerson(horizon) && (warnedAt === null || now.getTime() - warnedAt >= dayMs)) {
        warnedAt = now.getTime();
        logger.warn(
          { ...horizon },
          'the public holiday list ends soon or has ended: deploy one with the next year (PUBLIC_HOLIDAYS_FILE)',
        );
      }
      return horizon;
    },
  };
}
