import type { Database } from '../../platform/database/create-database-client.ts';
import { loadPublicHolidays, type PublicHolidayList } from './load-public-holidays.ts';
import { localDateOf } from './vietnam-calendar.ts';

export interface CalendarHorizon {
  /** The last day the holiday list can count, `YYYY-MM-DD` (31 December of its last year). */
  lastCoveredDate: string;
  /** Days from today in Viet Nam to `lastCoveredDate`; negative once the list has run out. */
  daysLeft: number;
  /** `daysLeft <= 90`: time to add the next year. */
  warning: boolean;
  /** Reports with a deadline waiting for a longer list (`deadlines_pending_calendar`). */
  reportsPendingCalendar: number;
}

const warningDays = 90;
const dayMs = 24 * 60 * 60 * 1000;

/**
 * How far the holiday list reaches from `now`, and how many reports wait for it to reach further.
 * The horizon ends before the first year missing from today's year on, so a gap in the list ends it
 * as the list's end does; a list that does not cover this year has run out (daysLeft ≤ 0).
 * @example const { warning, daysLeft } = await readCalendarHorizon(db, new Date());
 */
export async function readCalendarHorizon(
  db: Database,
  now: Date,
  list: PublicHolidayList = loadPublicHolidays(),
): Promise<CalendarHorizon> {
  const today = localDateOf(now);
  const covered = new Set(list.years);
  let year = Number(today.slice(0, 4));
  while (covered.has(year)) year += 1;
  const lastCoveredDate = `${year - 1}-12-31`;
  const daysLeft = Math.round((Date.parse(lastCoveredDate) - Date.parse(today)) / dayMs);
  const reportsPendingCalendar = await db.report.count({ where: { deadlinesPendingCalendar: true } });
  return { lastCoveredDate, daysLeft, warning: daysLeft <= warningDays, reportsPendingCalendar };
}
