import { AppError } from '../../platform/errors/app-error.ts';
import type { PublicHolidayList } from './load-public-holidays.ts';

/** A calendar date in Viet Nam, `YYYY-MM-DD`. */
export type LocalDate = string;

/**
 * Asia/Ho_Chi_Minh is UTC+7 all year: Viet Nam has had no daylight saving time and no offset change
 * since 1975, so a fixed offset gives the same answer as the tz database for every date this system
 * handles, without depending on the ICU data in the Node build.
 */
const offsetMs = 7 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

/** The date in Viet Nam at an instant, whatever the server's zone. */
export function localDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + offsetMs).toISOString().slice(0, 10);
}

/** The last millisecond of a local day (23:59:59.999 +07:00): a deadline "at 24:00" of that day. */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date(utcMidnight(date) + dayMs - 1 - offsetMs);
}

/** The date `days` days after `date` (negative goes back). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return new Date(utcMidnight(date) + days * dayMs).toISOString().slice(0, 10);
}

/**
 * The same day of the month `months` months later; when that month is shorter, its last day
 * (31 Jan + 1 month = 28 Feb, or 29 Feb in a leap year).
 */
export function addLocalMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = parts(date);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

export interface VietnamCalendar {
  /**
   * Whether public servants work that day: not a Saturday, Sunday or day off in the holiday list,
   * or a weekend day listed as a make-up working day. Throws an AppError `holidays_not_covered` for
   * a year the list does not cover, rather than silently ignoring that year's holidays.
   */
  isWorkingDay(date: LocalDate): boolean;
}

/** @example createVietnamCalendar(loadPublicHolidays()).isWorkingDay('2026-02-16') // false (Tết) */
export function createVietnamCalendar(list: PublicHolidayList): VietnamCalendar {
  const daysOff = new Set(list.holidays.map((h) => h.date));
  const workedWeekendDays = new Set(list.makeUpWorkingDays.map((d) => d.date));
  const years = new Set(list.years);
  return {
    isWorkingDay(date) {
      const [year] = parts(date);
      if (!years.has(year)) throw holidaysNotCovered(date, list.years);
      if (workedWeekendDays.has(date)) return true;
      const weekday = new Date(utcMidnight(date)).getUTCDay();
      return weekday !== 0 && weekday !== 6 && !daysOff.has(date);
    },
  };
}

/** A date's year is not in the holiday list, so whether it is a working day is unknown. */
function holidaysNotCovered(
  date: LocalDate,
  coveredYears: readonly number[],
): AppError<'holidays_not_covered'> {
  return new AppError(
    'holidays_not_covered',
    `no public holidays are configured for ${date.slice(0, 4)} (covered: ${coveredYears.join(', ')}); ` +
      'add that year to the public holiday list',
    { details: { date, coveredYears } },
  );
}

function parts(date: LocalDate): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new RangeError(`not a local date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function utcMidnight(date: LocalDate): number {
  const [year, month, day] = parts(date);
  return Date.UTC(year, month - 1, day);
}
