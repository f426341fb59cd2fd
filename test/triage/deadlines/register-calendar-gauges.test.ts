import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { readCalendarHorizon } from '../../../src/triage/deadlines/read-calendar-horizon.ts';
import { registerCalendarGauges } from '../../../src/triage/deadlines/register-calendar-gauges.ts';
import { holidayListUntil } from '../../support/holiday-list-until.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';

const database = usePrivateDatabase({ db: 1 });

describe('registerCalendarGauges', () => {
  it('serves the days left in the holiday list and the reports pending a calendar, read at scrape time', async () => {
    const { db } = database;
    const list = holidayListUntil(2026);
    const registry = new Registry();
    registerCalendarGauges(registry, db, list);
    const text = await registry.metrics();
    const { daysLeft } = await readCalendarHorizon(db, new Date(), list);
    expect(text).toContain(`\ntinbao_holiday_calendar_days_left ${daysLeft}\n`);
    expect(text).toMatch(/^# TYPE tinbao_holiday_calendar_days_left gauge$/m);
    expect(text).toMatch(/^tinbao_reports_pending_calendar 0$/m);
  });
});
