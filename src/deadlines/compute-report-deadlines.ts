import { computeDeadline } from './compute-deadline.ts';
import type { DeadlineRule } from './load-deadline-rules.ts';
import type { VietnamCalendar } from './vietnam-calendar.ts';

export type ReportKind = 'crime_tip' | 'trafficking';

export interface ReportDeadline {
  ruleId: string;
  dueAt: Date;
  basis: string;
}

export interface ReportDeadlines {
  classifyDueAt: Date;
  receiptNoticeDueAt: Date;
  decisionDueAt: Date;
  /** Only for trafficking reports. */
  victimVerificationDueAt: Date | null;
  /**
   * Every limit whose clock starts at receipt and that applies to the report's kind, in rule
   * order, including alternatives that apply only in some cases (commune pass-on, the extended
   * two-month limit): the caller picks what its situation needs.
   */
  deadlines: ReportDeadline[];
}

/**
 * The limits that start when a report is received. Submission through the chat is taken as
 * receipt: the system records it at once (Art. 146), and no later instant is known at that point.
 * @example computeReportDeadlines({ submittedAt, kind: 'crime_tip' }, loadDeadlineRules(), calendar)
 */
export function computeReportDeadlines(
  report: { submittedAt: Date; kind: ReportKind },
  rules: readonly DeadlineRule[],
  calendar: VietnamCalendar,
): ReportDeadlines {
  const deadlines = rules
    .filter((r) => r.clockStart === 'receipt' && (r.appliesTo === 'all' || r.appliesTo === report.kind))
    .map((r) => ({ ruleId: r.id, dueAt: computeDeadline(r, report.submittedAt, calendar), basis: r.basis }));
  const dueAt = (ruleId: string): Date => {
    const found = deadlines.find((d) => d.ruleId === ruleId);
    if (found === undefined)
      throw new Error(`deadline rule ${ruleId} is missing or does not start at receipt`);
    return found.dueAt;
  };
  return {
    classifyDueAt: dueAt('classify'),
    receiptNoticeDueAt: dueAt('receipt_notice'),
    decisionDueAt: dueAt('decide'),
    victimVerificationDueAt: report.kind === 'trafficking' ? dueAt('victim_verification') : null,
    deadlines,
  };
}
