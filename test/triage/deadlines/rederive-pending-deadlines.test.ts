import { beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../../src/citizen/engine/conversation-state.ts';
import { createIdentityProtection } from '../../../src/platform/identity/identity-protection.ts';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import {
  loadPublicHolidays,
  type PublicHolidayList,
} from '../../../src/triage/deadlines/load-public-holidays.ts';
import { rederivePendingDeadlines } from '../../../src/triage/deadlines/rederive-pending-deadlines.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';
import { loadTriageRules } from '../../../src/triage/rules/load-triage-rules.ts';
import { triageSubmittedReports } from '../../../src/triage/triage-submitted-report.ts';
import { holidayListUntil } from '../../support/holiday-list-until.ts';
import { useSeededDatabase } from '../../support/seeded-database.ts';
import { submitTestReport } from '../../support/submit-test-report.ts';

const seeded = useSeededDatabase();
const protection = createIdentityProtection({
  encryptionKey: Buffer.alloc(32, 3),
  hashKey: Buffer.alloc(32, 4),
});
const deadlineRules = loadDeadlineRules();
const triageSettings = {
  rules: loadTriageRules(),
  deadlineRules,
  calendar: createVietnamCalendar(holidayListUntil(2027)),
  defaultProvinceCode: '01',
};
// The list as deployed later: 2028 added, and 2027 corrected (a day off on Wed 3 Nov 2027 that
// the old list did not have), so a recount of a deadline already set would give another answer.
const shipped = loadPublicHolidays();
const extended: PublicHolidayList = {
  ...shipped,
  holidays: [
    ...shipped.holidays,
    {
      date: '2027-11-03',
      occasion: 'other',
      nameVi: 'Ngày nghỉ thử nghiệm',
      nameEn: 'Test day off',
      kind: 'assumed',
      source: 'test fixture',
    },
  ],
};
const extendedSettings = { deadlineRules, calendar: createVietnamCalendar(extended) };

const endOf = (date: string) => new Date(`${date}T23:59:59.999+07:00`);

async function triagedWithOldList(draft: Partial<Draft>, at: string, triagedAt: Date): Promise<string> {
  const { reportId } = await submitTestReport(seeded.url, protection, { draft, now: new Date(at) });
  const result = await triageSubmittedReports(seeded.pool, triageSettings, [reportId], triagedAt);
  expect(result.get(reportId)?.outcome).toBe('triaged');
  return reportId;
}

const reportOf = (id: string) =>
  seeded.db.report.findUniqueOrThrow({ where: { id }, include: { events: { orderBy: { id: 'asc' } } } });

interface RederivedDetail {
  deadlinesPendingCalendar: boolean;
  deadlines: { ruleId: string; dueAt: string | null }[];
}

describe('rederivePendingDeadlines', () => {
  const firstTriage = new Date('2027-12-29T09:00:00+07:00');
  let novemberTip: string;
  let decemberTrafficking: string;
  let late2028Tip: string;
  let ordinary: string;

  beforeAll(async () => {
    novemberTip = await triagedWithOldList({}, '2027-11-01T10:00:00+07:00', firstTriage);
    decemberTrafficking = await triagedWithOldList(
      { kind: 'trafficking', category: 'trafficking', provinceCode: '40' },
      '2027-12-20T10:00:00+07:00',
      firstTriage,
    );
    // Received Wed 20 Dec 2028: even the extended list cannot count its 20 days (into 2029).
    late2028Tip = await triagedWithOldList({}, '2028-12-20T10:00:00+07:00', firstTriage);
    ordinary = await triagedWithOldList({}, '2027-03-10T09:00:00+07:00', firstTriage);
  });

  it('fills the pending deadlines once the list has the year, clears the mark and records what it counted', async () => {
    expect((await reportOf(novemberTip)).deadlinesPendingCalendar).toBe(true);
    expect((await reportOf(decemberTrafficking)).decisionDueAt).toBeNull();

    // Batches of one: every pending report is reached across batches.
    const result = await rederivePendingDeadlines(seeded.pool, extendedSettings, {
      batchSize: 1,
      now: new Date('2028-01-02T09:00:00+07:00'),
    });
    expect(result).toEqual({ examined: 3, rederived: 3 });

    const november = await reportOf(novemberTip);
    expect(november.deadlinesPendingCalendar).toBe(false);
    // Already set at triage: kept, although the corrected list would now give Fri 5 Nov.
    expect(november.receiptNoticeDueAt).toEqual(endOf('2027-11-04'));
    const novemberEvent = november.events.at(-1);
    expect(novemberEvent?.kind).toBe('deadlines_rederived');
    expect(novemberEvent?.actor).toBe('system');
    // Only the limit that was pending: 1 Nov + 2 months = Sat 1 Jan 2028; Mon 3 Jan is its
    // compensatory day (assumed), so Tue 4 Jan.
    expect(novemberEvent?.detail as unknown as RederivedDetail).toEqual({
      deadlinesPendingCalendar: false,
      deadlines: [
        {
          ruleId: 'decide_extended',
          basis: 'BLTTHS 2015 Art. 147(2)',
          dueAt: endOf('2028-01-04').toISOString(),
        },
      ],
    });

    const december = await reportOf(decemberTrafficking);
    expect(december.deadlinesPendingCalendar).toBe(false);
    expect(december.decisionDueAt).toEqual(endOf('2028-01-10'));
    expect(december.victimVerificationDueAt).toEqual(endOf('2027-12-23'));

    // Counted what 2028 allows (Thu 21, Fri 22, Mon 25 Dec 2028), still pending on 2029.
    const late = await reportOf(late2028Tip);
    expect(late.receiptNoticeDueAt).toEqual(endOf('2028-12-25'));
    expect(late.decisionDueAt).toBeNull();
    expect(late.deadlinesPendingCalendar).toBe(true);

    const untouched = await reportOf(ordinary);
    expect(untouched.deadlinesPendingCalendar).toBe(false);
    expect(untouched.events.map((e) => e.kind)).not.toContain('deadlines_rederived');
  });

  it('changes nothing when run again with the same list', async () => {
    const before = await seeded.db.reportEvent.count({ where: { kind: 'deadlines_rederived' } });
    const result = await rederivePendingDeadlines(seeded.pool, extendedSettings, {});
    // The 2028 tip is looked at again, but nothing more can be counted for it.
    expect(result).toEqual({ examined: 1, rederived: 0 });
    expect(await seeded.db.reportEvent.count({ where: { kind: 'deadlines_rederived' } })).toBe(before);
    expect((await reportOf(late2028Tip)).deadlinesPendingCalendar).toBe(true);
  });

  it('with triagedSince, looks only at reports triaged since then', async () => {
    const later = new Date('2028-01-03T09:00:00+07:00');
    const fresh = await triagedWithOldList({}, '2027-11-15T10:00:00+07:00', later);
    const result = await rederivePendingDeadlines(seeded.pool, extendedSettings, {
      triagedSince: new Date(later.getTime() - 60_000),
    });
    expect(result).toEqual({ examined: 1, rederived: 1 });
    expect((await reportOf(fresh)).deadlinesPendingCalendar).toBe(false);
  });

  it('leaves the decision limit alone once casework decided, or replaced the 20 days by another limit', async () => {
    const at = new Date('2028-01-04T09:00:00+07:00');
    // Received 20 Dec 2027: its 20 days run into 2028, which the old list lacks.
    const decided = await triagedWithOldList({}, '2027-12-20T10:00:00+07:00', at);
    const extended = await triagedWithOldList({}, '2027-12-21T10:00:00+07:00', at);
    const extendedDue = endOf('2028-02-21');
    await seeded.pool.query(
      `UPDATE report SET status = 'decided_no_prosecute', decided_at = $2 WHERE id = $1`,
      [decided, at],
    );
    await seeded.pool.query(
      `UPDATE report SET status = 'extended', decision_limit = 'decide_extended', decision_due_at = $2 WHERE id = $1`,
      [extended, extendedDue],
    );
    await rederivePendingDeadlines(seeded.pool, extendedSettings, {
      triagedSince: new Date(at.getTime() - 60_000),
    });
    expect((await reportOf(decided)).decisionDueAt).toBeNull();
    expect((await reportOf(extended)).decisionDueAt).toEqual(extendedDue);
    expect((await reportOf(decided)).deadlinesPendingCalendar).toBe(false);
  });
});
