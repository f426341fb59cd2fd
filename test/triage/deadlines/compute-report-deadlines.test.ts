import { describe, expect, it } from 'vitest';
import { computeReportDeadlines } from '../../../src/triage/deadlines/compute-report-deadlines.ts';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';
import { holidayListUntil } from '../../support/holiday-list-until.ts';

const rules = loadDeadlineRules();
const calendar = createVietnamCalendar(loadPublicHolidays());
// Thursday before Tết 2026 (break Sat 14 – Sun 22 Feb). Expected values worked out by hand.
const submittedAt = new Date('2026-02-12T15:30:00+07:00');

describe('computeReportDeadlines', () => {
  it('gives a crime tip its classification, receipt-notice and decision limits and no victim verification', () => {
    const result = computeReportDeadlines({ submittedAt, kind: 'crime_tip' }, rules, calendar);
    expect(result.classifyDueAt?.toISOString()).toBe(new Date('2026-02-13T15:30:00+07:00').toISOString());
    // Working days: Fri 13, then Mon 23 and Tue 24 after Tết.
    expect(result.receiptNoticeDueAt?.toISOString()).toBe(
      new Date('2026-02-24T23:59:59.999+07:00').toISOString(),
    );
    // 12 Feb + 20 days = 4 Mar (Wednesday).
    expect(result.decisionDueAt?.toISOString()).toBe(new Date('2026-03-04T23:59:59.999+07:00').toISOString());
    expect(result.victimVerificationDueAt).toBeNull();
    expect(result.deadlines.map((d) => d.ruleId)).not.toContain('victim_verification');
  });

  it('gives a trafficking report the 3-day victim verification, moved past Tết', () => {
    const result = computeReportDeadlines({ submittedAt, kind: 'trafficking' }, rules, calendar);
    // 12 Feb + 3 days = Sun 15 Feb, inside Tết: the next working day is Mon 23 Feb.
    expect(result.victimVerificationDueAt?.toISOString()).toBe(
      new Date('2026-02-23T23:59:59.999+07:00').toISOString(),
    );
    expect(result.decisionDueAt?.toISOString()).toBe(new Date('2026-03-04T23:59:59.999+07:00').toISOString());
    expect(result.deadlines).toContainEqual({
      ruleId: 'victim_verification',
      dueAt: result.victimVerificationDueAt,
      basis: 'Law 53/2024/QH15 on Human Trafficking Prevention Art. 27',
    });
  });

  it('lists every limit that starts at receipt, with its legal basis, and none that start later', () => {
    const result = computeReportDeadlines({ submittedAt, kind: 'crime_tip' }, rules, calendar);
    expect(result.deadlines.map((d) => d.ruleId)).toEqual([
      'classify',
      'commune_pass_on',
      'commune_pass_on_remote',
      'receipt_notice',
      'decide',
      'decide_extended',
    ]);
    expect(result.deadlines.find((d) => d.ruleId === 'decide')?.basis).toBe('BLTTHS 2015 Art. 147(1)');
    // 12 Feb + 2 months = 12 Apr 2026, a Sunday: Monday 13 Apr.
    expect(result.deadlines.find((d) => d.ruleId === 'decide_extended')?.dueAt?.toISOString()).toBe(
      new Date('2026-04-13T23:59:59.999+07:00').toISOString(),
    );
  });

  it('fails loudly when a rule it needs is missing', () => {
    const withoutDecide = rules.filter((r) => r.id !== 'decide');
    expect(() => computeReportDeadlines({ submittedAt, kind: 'crime_tip' }, withoutDecide, calendar)).toThrow(
      /decide/,
    );
  });
});

describe('computeReportDeadlines near the end of the holiday list', () => {
  // The list as it was before 2028 was added: the 2-month limit of a report received on
  // Mon 1 Nov 2027 ends in 2028, which this list cannot count.
  const shortCalendar = createVietnamCalendar(holidayListUntil(2027));
  const endOf = (date: string) => new Date(`${date}T23:59:59.999+07:00`);

  it('counts every limit it can and marks the one running into 2028 as pending, without throwing', () => {
    const received = new Date('2027-11-01T10:00:00+07:00');
    const result = computeReportDeadlines({ submittedAt: received, kind: 'crime_tip' }, rules, shortCalendar);
    expect(result.classifyDueAt).toEqual(new Date('2027-11-02T10:00:00+07:00'));
    // Tue 2, Wed 3, Thu 4 Nov.
    expect(result.receiptNoticeDueAt).toEqual(endOf('2027-11-04'));
    // 1 Nov + 20 days = Sun 21 Nov: Monday 22.
    expect(result.decisionDueAt).toEqual(endOf('2027-11-22'));
    // 1 Nov + 2 months = Sat 1 Jan 2028: whether it is a working day is not in the list.
    expect(result.deadlines.find((d) => d.ruleId === 'decide_extended')).toEqual({
      ruleId: 'decide_extended',
      basis: 'BLTTHS 2015 Art. 147(2)',
      dueAt: null,
      pendingCalendar: { date: '2028-01-01', year: 2028 },
    });
    expect(result.pendingCalendarYears).toEqual([2028]);
  });

  it('leaves a limit column empty when its own count runs into a year the list lacks', () => {
    const received = new Date('2027-12-20T10:00:00+07:00');
    const result = computeReportDeadlines(
      { submittedAt: received, kind: 'trafficking' },
      rules,
      shortCalendar,
    );
    // 20 Dec + 20 days = Sun 9 Jan 2028.
    expect(result.decisionDueAt).toBeNull();
    expect(result.receiptNoticeDueAt).toEqual(endOf('2027-12-23'));
    expect(result.victimVerificationDueAt).toEqual(endOf('2027-12-23'));
    expect(result.pendingCalendarYears).toEqual([2028]);
  });

  it('counts the same report in full once the list has 2028', () => {
    const received = new Date('2027-12-20T10:00:00+07:00');
    const result = computeReportDeadlines({ submittedAt: received, kind: 'crime_tip' }, rules, calendar);
    expect(result.decisionDueAt).toEqual(endOf('2028-01-10'));
    // 20 Dec + 2 months = Sun 20 Feb 2028: Monday 21.
    expect(result.deadlines.find((d) => d.ruleId === 'decide_extended')?.dueAt).toEqual(endOf('2028-02-21'));
    expect(result.pendingCalendarYears).toEqual([]);
  });
});

describe('deadline-rules.json', () => {
  it('holds every limit of the legal workflow with its basis', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    const expected: [string, number, string, string, string][] = [
      ['classify', 24, 'hours', 'receipt', '01/2017'],
      ['commune_pass_on', 24, 'hours', 'receipt', '01/2017'],
      ['receipt_notice', 3, 'working_days', 'receipt', 'Art. 14(1)'],
      ['decide', 20, 'days', 'receipt', 'Art. 147(1)'],
      ['decide_extended', 2, 'months', 'receipt', 'Art. 147(2)'],
      ['vks_extension', 2, 'months', 'previous_limit', 'Art. 147(2)'],
      ['notify_prosecution_decision', 24, 'hours', 'decision', '28/2020'],
      ['notify_no_prosecution', 24, 'hours', 'decision', 'Art. 158'],
      ['notify_suspension', 24, 'hours', 'decision', 'Art. 148'],
      ['resumed_decide', 1, 'months', 'resumption', 'Art. 149'],
      ['victim_verification', 3, 'days', 'receipt', '53/2024'],
    ];
    for (const [id, length, unit, clockStart, basis] of expected) {
      const rule = byId.get(id);
      expect(rule, id).toBeDefined();
      expect(rule).toMatchObject({ length, unit, clockStart });
      expect(rule?.basis).toContain(basis);
    }
    expect(byId.get('victim_verification')?.appliesTo).toBe('trafficking');
  });
});
