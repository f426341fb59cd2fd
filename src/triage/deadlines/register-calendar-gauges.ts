import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../../platform/database/create-database-client.ts';
import type { PublicHolidayList } from './load-public-holidays.ts';
import { calendarReach, countReportsPendingCalendar } from './read-calendar-horizon.ts';

/**
 * Gauges read at scrape time: the days left in the holiday list this process counts with, and the
 * reports whose deadlines wait for a longer one. Registered by the worker, which holds the list.
 */
export function registerCalendarGauges(registry: Registry, db: Database, list: PublicHolidayList): void {
  new Gauge({
    name: 'tinbao_holiday_calendar_days_left',
    help: 'Days until the last day the public holiday list covers (negative once it has run out)',
    registers: [registry],
    collect() {
      this.set(calendarReach(list, new Date()).daysLeft);
    },
  });
  new Gauge({
    name: 'tinbao_reports_pending_calendar',
    help: 'Triaged reports with a deadline waiting for a longer public holiday list',
    registers: [registry],
    async collect() {
      this.set(await countReportsPendingCalendar(db));
    },
  });
}
