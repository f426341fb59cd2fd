import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabaseClient,
  type Database,
} from '../../../src/platform/database/create-database-client.ts';
import { readCalendarHorizon } from '../../../src/triage/deadlines/read-calendar-horizon.ts';
import { registerCalendarGauges } from '../../../src/triage/deadlines/register-calendar-gauges.ts';
import { holidayListUntil } from '../../support/holiday-list-until.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';

let database: PrivateDatabase;
let db: Database;

beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDatabaseClient(database.url, 1);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe('registerCalendarGauges', () => {
  it('serves the days left in the holiday list and the reports pending a calendar, read at scrape time', async () => {
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
