import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/citizen/engine/conversation-state.ts';
import { createIdentityProtection } from '../../src/platform/identity/identity-protection.ts';
import { loadDeadlineRules } from '../../src/triage/deadlines/load-deadline-rules.ts';
import { createVietnamCalendar } from '../../src/triage/deadlines/vietnam-calendar.ts';
import { loadTriageRules } from '../../src/triage/rules/load-triage-rules.ts';
import { triageSubmittedReports } from '../../src/triage/triage-submitted-report.ts';
import { holidayListUntil } from '../support/holiday-list-until.ts';
import { useSeededDatabase } from '../support/seeded-database.ts';
import { submitTestReport } from '../support/submit-test-report.ts';

const seeded = useSeededDatabase();
const protection = createIdentityProtection({
  encryptionKey: Buffer.alloc(32, 5),
  hashKey: Buffer.alloc(32, 6),
});
// A deployment whose holiday list was not extended past 2027.
const settings = {
  rules: loadTriageRules(),
  deadlineRules: loadDeadlineRules(),
  calendar: createVietnamCalendar(holidayListUntil(2027)),
  defaultProvinceCode: '01',
};

const submit = async (draft: Partial<Draft>, at: string) =>
  (await submitTestReport(seeded.url, protection, { draft, now: new Date(at) })).reportId;

const endOf = (date: string) => new Date(`${date}T23:59:59.999+07:00`);

interface TriagedDetail {
  priority: number;
  unitId: string;
  deadlinesPendingCalendar: boolean;
  deadlines: { ruleId: string; dueAt: string | null; pendingCalendar?: { date: string; year: number } }[];
}

describe('triage when the holiday list ends before a deadline', () => {
  it('triages a report received 2027-11-01: priority, unit and the countable deadlines stored, the 2-month limit pending', async () => {
    const id = await submit({ provinceCode: '01', wardCode: '00004' }, '2027-11-01T10:00:00+07:00');
    const results = await triageSubmittedReports(
      seeded.pool,
      settings,
      [id],
      new Date('2027-11-01T10:00:05+07:00'),
    );
    expect(results.get(id)).toEqual(expect.objectContaining({ outcome: 'triaged' }));

    const report = await seeded.db.report.findUniqueOrThrow({ where: { id }, include: { events: true } });
    expect(report.triagedAt).not.toBeNull();
    expect(report.unitId).toBe('COMM-00004');
    expect(report.priority).toBe(3);
    expect(report.classifyDueAt).toEqual(new Date('2027-11-02T10:00:00+07:00'));
    expect(report.receiptNoticeDueAt).toEqual(endOf('2027-11-04'));
    expect(report.decisionDueAt).toEqual(endOf('2027-11-22'));
    expect(report.deadlinesPendingCalendar).toBe(true);

    const detail = report.events.find((e) => e.kind === 'triaged')?.detail as unknown as TriagedDetail;
    expect(detail.unitId).toBe('COMM-00004');
    expect(detail.deadlinesPendingCalendar).toBe(true);
    expect(detail.deadlines.find((d) => d.ruleId === 'decide')?.dueAt).toBe(
      endOf('2027-11-22').toISOString(),
    );
    expect(detail.deadlines.find((d) => d.ruleId === 'decide_extended')).toEqual({
      ruleId: 'decide_extended',
      basis: 'BLTTHS 2015 Art. 147(2)',
      dueAt: null,
      pendingCalendar: { date: '2028-01-01', year: 2028 },
    });
  });

  it('stores a deadline it cannot count as NULL and still starts the victim track', async () => {
    const id = await submit(
      { kind: 'trafficking', category: 'trafficking', dangerNow: true, provinceCode: '40' },
      '2027-12-20T10:00:00+07:00',
    );
    await triageSubmittedReports(seeded.pool, settings, [id], new Date('2027-12-20T10:00:05+07:00'));
    const report = await seeded.db.report.findUniqueOrThrow({ where: { id } });
    expect(report.unitId).toBe('PROV-40');
    expect(report.priority).toBeLessThan(3);
    expect(report.victimTrackStatus).toBe('victim_verification');
    // 20 Dec + 20 days = Sun 9 Jan 2028: not countable with this list.
    expect(report.decisionDueAt).toBeNull();
    expect(report.receiptNoticeDueAt).toEqual(endOf('2027-12-23'));
    expect(report.victimVerificationDueAt).toEqual(endOf('2027-12-23'));
    expect(report.deadlinesPendingCalendar).toBe(true);
  });

  it('leaves the mark off a report whose deadlines all fall inside the list', async () => {
    const id = await submit({}, '2027-03-10T09:00:00+07:00');
    await triageSubmittedReports(seeded.pool, settings, [id], new Date('2027-03-10T09:00:05+07:00'));
    const report = await seeded.db.report.findUniqueOrThrow({ where: { id } });
    expect(report.deadlinesPendingCalendar).toBe(false);
    expect(report.decisionDueAt).toEqual(endOf('2027-03-30'));
  });
});
