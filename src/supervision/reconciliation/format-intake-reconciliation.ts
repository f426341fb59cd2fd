import { type CalendarHorizon, calendarNeedsAPerson } from '../../triage/deadlines/read-calendar-horizon.ts';
import { needsAPerson } from './needs-a-person.ts';
import type { IntakeReconciliation, UnaccountedItem } from './read-intake-reconciliation.ts';

export interface FormatOptions {
  graceSeconds: number;
  receiptBudgetSeconds: number;
  /** Ids listed per check; the count still covers them all. */
  idsPerCheck?: number;
  /** The per-check limit the reconciliation was read with: a count that reaches it is "at least". */
  limitPerCheck?: number;
}

type Check = UnaccountedItem['check'];

/** What each check means, in the order a tip moves through the system. */
const checkMeanings: Readonly<Record<Check, string>> = {
  inbound_pending: 'inbound events received but not processed',
  outbox_undispatched: 'outbox rows not relayed to their queue',
  report_untriaged: 'reports submitted but not triaged',
  receipt_missing: 'reports with no receipt message written',
  receipt_overdue: 'receipts still unsent after the delivery budget',
  receipt_failed: 'receipts the platform refused for good',
};
const checkOrder = Object.keys(checkMeanings) as Check[];

const okLabel = 'ok';
const alertLabel = 'needs a person';

/**
 * The reconciliation as a plain-text report for a supervisor's terminal: inbound events by
 * outcome, reports by status, one line per check with its counts and whether it needs a person,
 * then the items that do, grouped by check with their count and the first ids (oldest first).
 * Ids and counts only: nothing here identifies a reporter.
 */
export function formatIntakeReconciliation(
  books: IntakeReconciliation,
  options: FormatOptions,
  calendar: CalendarHorizon | null = null,
): string {
  const idsPerCheck = options.idsPerCheck ?? 20;
  const groups = groupByCheck(books.unaccounted);
  const count = (check: Check) => countText(groups.get(check)?.length ?? 0, options.limitPerCheck);
  const { triage, receipts } = books;

  const checks: [boolean, string][] = [
    [
      groups.has('inbound_pending'),
      `inbound: ${books.inboundByOutcome.pending ?? 0} events pending, ${count('inbound_pending')} of them past the grace`,
    ],
    [
      groups.has('outbox_undispatched'),
      `outbox: ${count('outbox_undispatched')} rows not relayed past the grace`,
    ],
    [
      triage.untriagedPastGrace > 0,
      `triage: ${triage.submitted} submitted, ${triage.triaged} triaged, ${triage.untriagedWithinGrace} untriaged within the grace, ${triage.untriagedPastGrace} untriaged past the grace`,
    ],
    [
      receipts.overdue + receipts.failed + receipts.missing > 0,
      `receipts: ${receipts.sent} sent, ${receipts.queuedWithinBudget} queued within the delivery budget, ${receipts.overdue} overdue, ${receipts.failed} failed, ${receipts.missing} missing${receipts.awaitingWebPage > 0 ? `, ${receipts.awaitingWebPage} waiting for their web chat page` : ''}`,
    ],
  ];
  if (calendar) checks.push([calendarNeedsAPerson(calendar), calendarLine(calendar)]);

  const lines: string[] = [];
  lines.push(...countTable('Inbound events by outcome', 'outcome', books.inboundByOutcome), '');
  lines.push(...countTable('Reports by status', 'status', books.reportsByStatus), '');
  lines.push(
    `Checks (grace ${options.graceSeconds} s, receipt delivery budget ${options.receiptBudgetSeconds} s)`,
  );
  for (const [alert, text] of checks)
    lines.push(`  ${(alert ? alertLabel : okLabel).padEnd(alertLabel.length)}  ${text}`);
  lines.push('');

  if (groups.size === 0) {
    lines.push('Unaccounted: none, every item is accounted for.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Unaccounted: ${countText(books.unaccounted.length)}`);
  for (const check of checkOrder) {
    const items = groups.get(check);
    if (!items) continue;
    lines.push('', `  ${check}: ${countText(items.length, options.limitPerCheck)} (${checkMeanings[check]})`);
    for (const item of items.slice(0, idsPerCheck))
      lines.push(`    ${item.id}  since ${item.since.toISOString()}`);
    if (items.length > idsPerCheck) lines.push(`    … and ${items.length - idsPerCheck} more`);
  }
  return `${lines.join('\n')}\n`;
}

/** The same books as JSON for scripts and alerts: counts per check beside the full item list. */
export function intakeReconciliationJson(
  books: IntakeReconciliation,
  options: FormatOptions,
  calendar: CalendarHorizon | null = null,
): string {
  const byCheck = Object.fromEntries(
    [...groupByCheck(books.unaccounted)].map(([check, items]) => [check, items.length]),
  );
  return `${JSON.stringify(
    {
      graceSeconds: options.graceSeconds,
      receiptBudgetSeconds: options.receiptBudgetSeconds,
      needsAPerson: needsAPerson(books, calendar),
      accountedFor: books.unaccounted.length === 0,
      inboundByOutcome: books.inboundByOutcome,
      reportsByStatus: books.reportsByStatus,
      triage: books.triage,
      receipts: books.receipts,
      calendar,
      unaccountedByCheck: byCheck,
      unaccounted: books.unaccounted.map((item) => ({ ...item, since: item.since.toISOString() })),
    },
    null,
    2,
  )}\n`;
}

function calendarLine(calendar: CalendarHorizon): string {
  const n = calendar.reportsPendingCalendar;
  const pending = n > 0 ? `, ${n} ${n === 1 ? 'report' : 'reports'} with deadlines pending the calendar` : '';
  return `holiday calendar: covered to ${calendar.lastCoveredDate}, ${calendar.daysLeft} days left${pending}`;
}

function groupByCheck(items: readonly UnaccountedItem[]): Map<Check, UnaccountedItem[]> {
  const groups = new Map<Check, UnaccountedItem[]>();
  for (const item of items) {
    const group = groups.get(item.check);
    if (group) group.push(item);
    else groups.set(item.check, [item]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.since.getTime() - b.since.getTime());
  return groups;
}

function countTable(title: string, label: string, counts: Readonly<Record<string, number>>): string[] {
  const rows = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  if (rows.length === 0) return [title, '  (none)'];
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const width = Math.max(label.length, 'total'.length, ...rows.map(([name]) => name.length));
  const numberWidth = Math.max('count'.length, String(total).length);
  const line = (name: string, n: string) => `  ${name.padEnd(width)}  ${n.padStart(numberWidth)}`;
  return [
    title,
    line(label, 'count'),
    ...rows.map(([name, n]) => line(name, String(n))),
    line('total', String(total)),
  ];
}

function countText(n: number, limit?: number): string {
  return limit !== undefined && n >= limit ? `${n} or more` : String(n);
}
