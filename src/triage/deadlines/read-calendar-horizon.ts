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

/** How far the holiday list reaches from `now`: the part of the horizon that needs no database. */
export type CalendarReach = Omit<CalendarHorizon, 'reportsPendingCalendar'>;

/**
 * The horizon ends before the first year missing from today's year on, so a gap in the list ends it
 * as the list's end does; a list that does not cover this year has run out (daysLeft ≤ 0).
 * @example calendarReach(loadPublicHolidays(), new Date()).daysLeft
 */
export function calendarReach(list: PublicHolidayList, now: Date): CalendarReach {
  const today = localDateOf(now);
  const covered = new Set(list.years);
  let year = Number(today.slice(0, 4));
  while (covered.has(year)) year += 1;
  const lastCoveredDate = `${year - 1}-12-31`;
  const daysLeft = Math.round((Date.parse(lastCoveredDate) - Date.parse(today)) / dayMs);
  return { lastCoveredDate, daysLeft, warning: daysLeft <= warningDays };
}

/** Reports with a deadline waiting for a longer holiday list. */
export function countReportsPendingCalendar(db: Database): Promise<number> {
  return db.report.count({ where: { deadlinesPendingCalendar: true } });
}

/**
 * How far the holiday list reaches from `now`, and how many reports wait for it to reach further.
 * @example const { warning, daysLeft } = await readCalendarHorizon(db, new Date());
 */
export async function readCalendarHorizon(
  db: Database,
  now: Date,
  list: PublicHolidayList = loadPublicHolidays(),
): Promise<CalendarHorizon> {
  return { ...calendarReach(list, now), reportsPendingCalendar: await countReportsPendingCalendar(db) };
}

/** The list ends within 90 days, or reports already wait for it: someone must deploy a longer one. */
export function calendarNeedsAPerson(horizon: CalendarHorizon): boolean {
  return horizon.warning || horizon.reportsPendingCalendar > 0;
}
