import type { IntakeReconciliation, UnaccountedItem } from './read-intake-reconciliation.ts';

export interface FormatOptions {
  graceSeconds: number;
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
  receipt_undelivered: 'receipt messages written but not sent',
};
const checkOrder = Object.keys(checkMeanings) as Check[];

/**
 * The reconciliation as a plain-text report for a terminal: inbound events by outcome, reports by
 * status, and the unaccounted items grouped by check with their count and the first ids (oldest
 * first). Ids only: nothing here identifies a reporter.
 */
export function formatIntakeReconciliation(books: IntakeReconciliation, options: FormatOptions): string {
  const idsPerCheck = options.idsPerCheck ?? 20;
  const lines: string[] = [];
  lines.push(...countTable('Inbound events by outcome', 'outcome', books.inboundByOutcome), '');
  lines.push(...countTable('Reports by status', 'status', books.reportsByStatus), '');

  const groups = groupByCheck(books.unaccounted);
  if (groups.size === 0) {
    lines.push(
      `Unaccounted (late by more than ${options.graceSeconds} s): none, every item is accounted for.`,
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `Unaccounted (late by more than ${options.graceSeconds} s): ${countText(books.unaccounted.length)}`,
  );
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
export function intakeReconciliationJson(books: IntakeReconciliation, options: FormatOptions): string {
  const byCheck = Object.fromEntries(
    [...groupByCheck(books.unaccounted)].map(([check, items]) => [check, items.length]),
  );
  return `${JSON.stringify(
    {
      graceSeconds: options.graceSeconds,
      accountedFor: books.unaccounted.length === 0,
      inboundByOutcome: books.inboundByOutcome,
      reportsByStatus: books.reportsByStatus,
      unaccountedByCheck: byCheck,
      unaccounted: books.unaccounted.map((item) => ({ ...item, since: item.since.toISOString() })),
    },
    null,
    2,
  )}\n`;
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
