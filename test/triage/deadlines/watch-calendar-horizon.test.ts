import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createIdentityProtection } from '../../../src/platform/identity/identity-protection.ts';
import { createLogger } from '../../../src/platform/observability/create-logger.ts';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';
import { createCalendarHorizonWatch } from '../../../src/triage/deadlines/watch-calendar-horizon.ts';
import { loadTriageRules } from '../../../src/triage/rules/load-triage-rules.ts';
import { triageSubmittedReports } from '../../../src/triage/triage-submitted-report.ts';
import { holidayListUntil } from '../../support/holiday-list-until.ts';
import { useSeededDatabase } from '../../support/seeded-database.ts';
import { submitTestReport } from '../../support/submit-test-report.ts';

const seeded = useSeededDatabase();
const deadlineRules = loadDeadlineRules();
const hour = 60 * 60 * 1000;

/** A logger whose lines the test reads back. */
function capturingLogger() {
  const lines: { level: number; msg: string; [field: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

function watchWith(holidays: ReturnType<typeof loadPublicHolidays>) {
  const { logger, lines } = capturingLogger();
  const watch = createCalendarHorizonWatch({
    db: seeded.db,
    pool: seeded.pool,
    logger,
    holidays,
    deadlineRules,
    calendar: createVietnamCalendar(holidays),
  });
  const warnings = () => lines.filter((l) => l.level === 40);
  return { watch, lines, warnings };
}

describe('the calendar horizon watch', () => {
  it('warns at its first check inside the 90 days, then at most once a day', async () => {
    const { watch, warnings } = watchWith(loadPublicHolidays());
    const first = new Date('2028-10-02T09:00:00+07:00');
    expect(await watch.check(first)).toMatchObject({ daysLeft: 90, warning: true });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ lastCoveredDate: '2028-12-31', daysLeft: 90 });
    await watch.check(new Date(first.getTime() + hour));
    await watch.check(new Date(first.getTime() + 23 * hour));
    expect(warnings()).toHaveLength(1);
    await watch.check(new Date(first.getTime() + 24 * hour));
    expect(warnings()).toHaveLength(2);
  });

  it('stays quiet while the list reaches further than 90 days', async () => {
    const { watch, warnings } = watchWith(loadPublicHolidays());
    expect(await watch.check(new Date('2028-10-01T09:00:00+07:00'))).toMatchObject({ warning: false });
    expect(warnings()).toEqual([]);
  });

  it('derives the deadlines left pending by an older list at its first check', async () => {
    const protection = createIdentityProtection({
      encryptionKey: Buffer.alloc(32, 9),
      hashKey: Buffer.alloc(32, 10),
    });
    const { reportId } = await submitTestReport(seeded.url, protection, {
      now: new Date('2027-11-01T10:00:00+07:00'),
    });
    const oldSettings = {
      rules: loadTriageRules(),
      deadlineRules,
      calendar: createVietnamCalendar(holidayListUntil(2027)),
      defaultProvinceCode: '01',
    };
    await triageSubmittedReports(seeded.pool, oldSettings, [reportId], new Date('2027-11-01T10:00:05+07:00'));
    expect(
      (await seeded.db.report.findUniqueOrThrow({ where: { id: reportId } })).deadlinesPendingCalendar,
    ).toBe(true);

    const { watch, lines } = watchWith(loadPublicHolidays());
    const horizon = await watch.check(new Date('2027-11-02T09:00:00+07:00'));
    expect(horizon.reportsPendingCalendar).toBe(0);
    expect(
      (await seeded.db.report.findUniqueOrThrow({ where: { id: reportId } })).deadlinesPendingCalendar,
    ).toBe(false);
    expect(lines.find((l) => l.rederived === 1)).toBeDefined();
  });

  it('warns while reports wait for a calendar, however far the list reaches', async () => {
    const protection = createIdentityProtection({
      encryptionKey: Buffer.alloc(32, 11),
      hashKey: Buffer.alloc(32, 12),
    });
    // Received in 2029, which no list here covers.
    const { reportId } = await submitTestReport(seeded.url, protection, {
      now: new Date('2029-03-01T10:00:00+07:00'),
    });
    const settings = {
      rules: loadTriageRules(),
      deadlineRules,
      calendar: createVietnamCalendar(loadPublicHolidays()),
      defaultProvinceCode: '01',
    };
    await triageSubmittedReports(seeded.pool, settings, [reportId], new Date('2029-03-01T10:00:05+07:00'));
    const { watch, warnings } = watchWith(loadPublicHolidays());
    // A clock that says 2026: the list reaches two years ahead, but a report is pending.
    expect(await watch.check(new Date('2026-12-07T09:00:00+07:00'))).toMatchObject({
      warning: false,
      reportsPendingCalendar: 1,
    });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ reportsPendingCalendar: 1 });
  });
});
