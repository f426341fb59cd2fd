import { describe, expect, it } from 'vitest';
import {
  formatIntakeReconciliation,
  intakeReconciliationJson,
} from '../../src/reconciliation/format-intake-reconciliation.ts';
import type {
  IntakeReconciliation,
  UnaccountedItem,
} from '../../src/reconciliation/read-intake-reconciliation.ts';

const clean: IntakeReconciliation = {
  inboundByOutcome: { report_step: 120, report_submitted: 9, quarantined: 1 },
  reportsByStatus: { submitted: 7, classified: 2 },
  unaccounted: [],
};

function untriaged(n: number): UnaccountedItem[] {
  return Array.from({ length: n }, (_, i) => ({
    check: 'report_untriaged' as const,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    since: new Date(Date.UTC(2026, 0, 1, 0, 0, n - i)),
  }));
}

describe('formatIntakeReconciliation', () => {
  it('prints both count tables with totals and says when everything is accounted for', () => {
    const text = formatIntakeReconciliation(clean, { graceSeconds: 60 });
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
        'Unaccounted (late by more than 60 s): none, every item is accounted for.',
        '',
      ].join('\n'),
    );
  });

  it('says "(none)" for an empty table', () => {
    const text = formatIntakeReconciliation(
      { inboundByOutcome: {}, reportsByStatus: {}, unaccounted: [] },
      { graceSeconds: 60 },
    );
    expect(text).toContain('Inbound events by outcome\n  (none)\n');
    expect(text).toContain('Reports by status\n  (none)\n');
  });

  it('groups late items by check in pipeline order, oldest first, with counts', () => {
    const text = formatIntakeReconciliation(
      {
        ...clean,
        unaccounted: [
          { check: 'receipt_undelivered', id: 'report-b', since: new Date('2026-01-01T00:00:09Z') },
          { check: 'report_untriaged', id: 'report-newer', since: new Date('2026-01-01T00:00:05Z') },
          { check: 'inbound_pending', id: '17', since: new Date('2026-01-01T00:00:01Z') },
          { check: 'report_untriaged', id: 'report-older', since: new Date('2026-01-01T00:00:02Z') },
        ],
      },
      { graceSeconds: 60 },
    );
    const section = text.slice(text.indexOf('Unaccounted'));
    expect(section).toBe(
      [
        'Unaccounted (late by more than 60 s): 4',
        '',
        '  inbound_pending: 1 (inbound events received but not processed)',
        '    17  since 2026-01-01T00:00:01.000Z',
        '',
        '  report_untriaged: 2 (reports submitted but not triaged)',
        '    report-older  since 2026-01-01T00:00:02.000Z',
        '    report-newer  since 2026-01-01T00:00:05.000Z',
        '',
        '  receipt_undelivered: 1 (receipt messages written but not sent)',
        '    report-b  since 2026-01-01T00:00:09.000Z',
        '',
      ].join('\n'),
    );
  });

  it('lists at most 20 ids per check and says how many more there are', () => {
    const items = untriaged(23);
    const text = formatIntakeReconciliation({ ...clean, unaccounted: items }, { graceSeconds: 60 });
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
      { graceSeconds: 60, limitPerCheck: 5, idsPerCheck: 2 },
    );
    expect(text).toContain('  report_untriaged: 5 or more (');
    expect(text).toContain('    … and 3 more\n');
  });
});

describe('intakeReconciliationJson', () => {
  it('gives counts per check beside every item, with ISO times', () => {
    const parsed = JSON.parse(
      intakeReconciliationJson({ ...clean, unaccounted: untriaged(2) }, { graceSeconds: 60 }),
    ) as Record<string, unknown>;
    expect(parsed).toEqual({
      graceSeconds: 60,
      accountedFor: false,
      inboundByOutcome: clean.inboundByOutcome,
      reportsByStatus: clean.reportsByStatus,
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

  it('says accounted for when nothing is late', () => {
    const parsed = JSON.parse(intakeReconciliationJson(clean, { graceSeconds: 60 })) as {
      accountedFor: boolean;
      unaccountedByCheck: object;
    };
    expect(parsed.accountedFor).toBe(true);
    expect(parsed.unaccountedByCheck).toEqual({});
  });
});
