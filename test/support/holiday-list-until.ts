import {
  loadPublicHolidays,
  type PublicHolidayList,
} from '../../src/triage/deadlines/load-public-holidays.ts';

/**
 * The shipped holiday list cut after `lastYear`, as a deployment whose list was not extended in
 * time would hold it.
 */
export function holidayListUntil(lastYear: number): PublicHolidayList {
  const shipped = loadPublicHolidays();
  const inRange = (date: string) => Number(date.slice(0, 4)) <= lastYear;
  return {
    years: shipped.years.filter((year) => year <= lastYear),
    holidays: shipped.holidays.filter((h) => inRange(h.date)),
    makeUpWorkingDays: shipped.makeUpWorkingDays.filter((d) => inRange(d.date)),
  };
}
