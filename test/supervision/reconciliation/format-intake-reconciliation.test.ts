import { describe, expect, it } from 'vitest';
import {
  formatIntakeReconciliation,
  intakeReconciliationJson,
} from '../../../src/supervision/reconciliation/format-intake-reconciliation.ts';
import type {
  IntakeReconciliation,
  UnaccountedItem,
} from '../../../src/supervision/reconciliation/read-intake-reconciliation.ts';
import type { CalendarHorizon } from '../../../src/triage/deadlines/read-calendar-horizon.ts';

const windows = { graceSeconds: 60, receiptBudgetSeconds: 120 };
const clean: IntakeReconciliation = {
  inboundByOutcome: { report_step: 120, report_submitted: 9, quarantined: 1 },
  reportsByStatus: { submitted: 7, classified: 2 },
  triage: { submitted: 9, triaged: 7, untriagedWithinGrace: 2, untriagedPastGrace: 0 },
  receipts: { sent: 5, queuedWithinBudget: 4, overdue: 0, failed: 0, missing: 0, awaitingWebPage: 0 },
  unaccounted: [],
};
const calendar: CalendarHorizon = {
  lastCoveredDate: '2027-12-31',
  daysLeft: 400,
  warning: false,
  reportsPendingCalendar: 0,
};

function untriaged(n: number): UnaccountedItem[] {
  return Array.from({ length: n }, (_, i) => ({
    check: 'report_untriaged' as const,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    since: new Date(Date.UTC(2026, 0, 1, 0, 0, n - i)),
  }));
}

describe('formatIntakeReconciliation', () => {
  it('prints both count tables, one line per check, and says when everything is accounted for', () => {
    const text = formatIntakeReconciliation(clean, windows);
    expect(text).toBe(
      [
        'Inbound events by outcome',
        '  outcome           count',
        '  quarantined           1',
        '  report_step         120',
        '  report_submitted      9',
        '  total               130',
        '',
        'Reports by status',
        '  status      count',
        '  classified      2',
        '  submitted       7',
        '  total           9',
        '',
        'Checks (grace 60 s, receipt delivery budget 120 s)',
        '  ok              inbound: 0 events pending, 0 of them past the grace',
        '  ok              outbox: 0 rows not relayed past the grace',
        '  ok              triage: 9 submitted, 7 triaged, 2 untriaged within the grace, 0 untriaged past the grace',
        '  ok              receipts: 5 sent, 4 queued within the delivery budget, 0 overdue, 0 failed, 0 missing',
        '',
        'Unaccounted: none, every item is accounted for.',
        '',
      ].join('\n'),
    );
  });

  it('says "(none)" for an empty table', () => {
    const text = formatIntakeReconciliation(
      { ...clean, inboundByOutcome: {}, reportsByStatus: {}, unaccounted: [] },
      windows,
    );
    expect(text).toContain('Inbound events by outcome\n  (none)\n');
    expect(text).toContain('Reports by status\n  (none)\n');
  });

  it('marks the checks that need a person and groups their items in pipeline order, oldest first', () => {
    const text = formatIntakeReconciliation(
      {
        ...clean,
        inboundByOutcome: { ...clean.inboundByOutcome, pending: 3 },
        triage: { ...clean.triage, untriagedPastGrace: 2 },
        receipts: { ...clean.receipts, overdue: 1, failed: 1 },
        unaccounted: [
          { check: 'receipt_overdue', id: 'report-b', since: new Date('2026-01-01T00:00:09Z') },
          { check: 'report_untriaged', id: 'report-newer', since: new Date('2026-01-01T00:00:05Z') },
          { check: 'receipt_failed', id: 'report-c', since: new Date('2026-01-01T00:00:07Z') },
          { check: 'inbound_pending', id: '17', since: new Date('2026-01-01T00:00:01Z') },
          { check: 'report_untriaged', id: 'report-older', since: new Date('2026-01-01T00:00:02Z') },
        ],
      },
      windows,
    );
    const section = text.slice(text.indexOf('Checks'));
    expect(section).toBe(
      [
        'Checks (grace 60 s, receipt delivery budget 120 s)',
        '  needs a person  inbound: 3 events pending, 1 of them past the grace',
        '  ok              outbox: 0 rows not relayed past the grace',
        '  needs a person  triage: 9 submitted, 7 triaged, 2 untriaged within the grace, 2 untriaged past the grace',
        '  needs a person  receipts: 5 sent, 4 queued within the delivery budget, 1 overdue, 1 failed, 0 missing',
        '',
        'Unaccounted: 5',
        '',
        '  inbound_pending: 1 (inbound events received but not processed)',
        '    17  since 2026-01-01T00:00:01.000Z',
        '',
        '  report_untriaged: 2 (reports submitted but not triaged)',
        '    report-older  since 2026-01-01T00:00:02.000Z',
        '    report-newer  since 2026-01-01T00:00:05.000Z',
        '',
        '  receipt_overdue: 1 (receipts still unsent after the delivery budget)',
        '    report-b  since 2026-01-01T00:00:09.000Z',
        '',
        '  receipt_failed: 1 (receipts the platform refused for good)',
        '    report-c  since 2026-01-01T00:00:07.000Z',
        '',
      ].join('\n'),
    );
  });

  it('adds the holiday calendar line, marked when it runs out or reports wait for it', () => {
    expect(formatIntakeReconciliation(clean, windows, calendar)).toContain(
      '  ok              holiday calendar: covered to 2027-12-31, 400 days left\n',
    );
    const short = { ...calendar, daysLeft: 20, warning: true };
    expect(formatIntakeReconciliation(clean, windows, short)).toContain(
      '  needs a person  holiday calendar: covered to 2027-12-31, 20 days left\n',
    );
    const pending = { ...calendar, daysLeft: 0, reportsPendingCalendar: 3 };
    expect(formatIntakeReconciliation(clean, windows, pending)).toContain(
      '  needs a person  holiday calendar: covered to 2027-12-31, 0 days left, 3 reports with deadlines pending the calendar\n',
    );
  });

  it('lists at most 20 ids per check and says how many more there are', () => {
    const items = untriaged(23);
    const text = formatIntakeReconciliation({ ...clean, unaccounted: items }, windows);
    const listed = text.split('\n').filter((line) => line.includes('  since '));
    expect(listed).toHaveLength(20);
    // Oldest first: the last generated item has the earliest time.
    expect(listed[0]).toContain(items[22]?.id);
    expect(text).toContain('  report_untriaged: 23 (');
    expect(text).toContain('    … and 3 more\n');
  });

  it('marks a count that reached the read limit as a lower bound', () => {
    const text = formatIntakeReconciliation(
      { ...clean, unaccounted: untriaged(5) },
      { ...windows, limitPerCheck: 5, idsPerCheck: 2 },
    );
    expect(text).toContain('  report_untriaged: 5 or more (');
    expect(text).toContain('    … and 3 more\n');
  });
});

describe('intakeReconciliationJson', () => {
  it('gives the windows, triage and receipt counts, counts per check beside every item, with ISO times', () => {
    const parsed = JSON.parse(
      intakeReconciliationJson({ ...clean, unaccounted: untriaged(2) }, windows),
    ) as Record<string, unknown>;
    expect(parsed).toEqual({
      graceSeconds: 60,
      receiptBudgetSeconds: 120,
      needsAPerson: true,
      accountedFor: false,
      inboundByOutcome: clean.inboundByOutcome,
      reportsByStatus: clean.reportsByStatus,
      triage: clean.triage,
      receipts: clean.receipts,
      calendar: null,
      unaccountedByCheck: { report_untriaged: 2 },
      unaccounted: [
        {
          check: 'report_untriaged',
          id: '00000000-0000-4000-8000-000000000000',
          since: '2026-01-01T00:00:02.000Z',
        },
        {
          check: 'report_untriaged',
          id: '00000000-0000-4000-8000-000000000001',
          since: '2026-01-01T00:00:01.000Z',
        },
      ],
    });
  });

  it('says accounted for, and nothing for a person, when nothing is late and receipts are only queued', () => {
    const parsed = JSON.parse(intakeReconciliationJson(clean, windows, calendar)) as {
      needsAPerson: boolean;
      accountedFor: boolean;
      calendar: CalendarHorizon;
      unaccountedByCheck: object;
    };
    expect(parsed.needsAPerson).toBe(false);
    expect(parsed.accountedFor).toBe(true);
    expect(parsed.calendar).toEqual(calendar);
    expect(parsed.unaccountedByCheck).toEqual({});
  });

  it('needs a person for a calendar that runs out even when every item is accounted for', () => {
    const parsed = JSON.parse(intakeReconciliationJson(clean, windows, { ...calendar, warning: true })) as {
      needsAPerson: boolean;
      accountedFor: boolean;
    };
    expect(parsed).toMatchObject({ needsAPerson: true, accountedFor: true });
  });
});
