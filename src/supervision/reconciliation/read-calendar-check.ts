import type { Database } from '../../platform/database/create-database-client.ts';
import { loadPublicHolidays } from '../../triage/deadlines/load-public-holidays.ts';
import { type CalendarHorizon, readCalendarHorizon } from '../../triage/deadlines/read-calendar-horizon.ts';

/** The holiday calendar line of `npm run reconcile`. */
export type CalendarCheck = CalendarHorizon;

/**
 * How far the holiday list in use (`PUBLIC_HOLIDAYS_FILE`, or the shipped one) reaches today, and
 * how many reports wait for it to reach further.
 * @example await readCalendarCheck(db, config.PUBLIC_HOLIDAYS_FILE)
 */
export function readCalendarCheck(db: Database, holidaysFile: string | undefined): Promise<CalendarCheck> {
  return readCalendarHorizon(db, new Date(), loadPublicHolidays(holidaysFile));
}
