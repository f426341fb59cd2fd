import { describe, expect, it } from 'vitest';
import { createIdentityProtection } from '../../../src/platform/identity/identity-protection.ts';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { readCalendarHorizon } from '../../../src/triage/deadlines/read-calendar-horizon.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';
import { loadTriageRules } from '../../../src/triage/rules/load-triage-rules.ts';
import { triageSubmittedReports } from '../../../src/triage/triage-submitted-report.ts';
import { holidayListUntil } from '../../support/holiday-list-until.ts';
import { useSeededDatabase } from '../../support/seeded-database.ts';
import { submitTestReport } from '../../support/submit-test-report.ts';

// Counts every pending report in its database: one of its own (the units seeded for triage).
const seeded = useSeededDatabase();

describe('readCalendarHorizon', () => {
  it('warns from 90 days before the last covered day of the shipped list (2028)', async () => {
    expect(await readCalendarHorizon(seeded.db, new Date('2028-10-01T12:00:00+07:00'))).toEqual({
      lastCoveredDate: '2028-12-31',
      daysLeft: 91,
      warning: false,
      reportsPendingCalendar: 0,
    });
    expect(await readCalendarHorizon(seeded.db, new Date('2028-10-02T12:00:00+07:00'))).toEqual({
      lastCoveredDate: '2028-12-31',
      daysLeft: 90,
      warning: true,
      reportsPendingCalendar: 0,
    });
  });

  it('counts days in Viet Nam: 17:00 UTC on 1 October is already 2 October there', async () => {
    const horizon = await readCalendarHorizon(seeded.db, new Date('2028-10-01T17:00:00Z'));
    expect(horizon).toMatchObject({ daysLeft: 90, warning: true });
  });

  it('reads the list it is given, and goes negative once the list has run out', async () => {
    const upTo2027 = holidayListUntil(2027);
    expect(
      await readCalendarHorizon(seeded.db, new Date('2027-11-01T09:00:00+07:00'), upTo2027),
    ).toMatchObject({
      lastCoveredDate: '2027-12-31',
      daysLeft: 60,
      warning: true,
    });
    expect(
      await readCalendarHorizon(seeded.db, new Date('2028-01-05T09:00:00+07:00'), upTo2027),
    ).toMatchObject({
      lastCoveredDate: '2027-12-31',
      daysLeft: -5,
      warning: true,
    });
  });

  it('ends the horizon at the first year missing from today on, not at the last year listed', async () => {
    const gap = { ...holidayListUntil(2028), years: [2024, 2025, 2026, 2028] };
    const horizon = await readCalendarHorizon(seeded.db, new Date('2026-06-01T09:00:00+07:00'), {
      ...gap,
      holidays: gap.holidays.filter((h) => !h.date.startsWith('2027-')),
    });
    expect(horizon.lastCoveredDate).toBe('2026-12-31');
  });

  it('counts the reports whose deadlines wait for a calendar', async () => {
    const protection = createIdentityProtection({
      encryptionKey: Buffer.alloc(32, 1),
      hashKey: Buffer.alloc(32, 2),
    });
    const { reportId } = await submitTestReport(seeded.url, protection, {
      now: new Date('2027-11-01T10:00:00+07:00'),
    });
    const settings = {
      rules: loadTriageRules(),
      deadlineRules: loadDeadlineRules(),
      calendar: createVietnamCalendar(holidayListUntil(2027)),
      defaultProvinceCode: '01',
    };
    await triageSubmittedReports(seeded.pool, settings, [reportId], new Date('2027-11-01T10:00:05+07:00'));
    const horizon = await readCalendarHorizon(
      seeded.db,
      new Date('2027-11-01T11:00:00+07:00'),
      holidayListUntil(2027),
    );
    expect(horizon.reportsPendingCalendar).toBe(1);
  });
});
