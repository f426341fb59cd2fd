import { isAppError } from '../../platform/errors/app-error.ts';
import { computeDeadline } from './compute-deadline.ts';
import type { DeadlineRule } from './load-deadline-rules.ts';
import type { LocalDate, VietnamCalendar } from './vietnam-calendar.ts';

export type ReportKind = 'crime_tip' | 'trafficking';

/** A limit the holiday list cannot count yet: the first date it needed that the list lacks. */
export interface PendingCalendar {
  date: LocalDate;
  year: number;
}

/** A limit counted (`dueAt`), or waiting for a longer holiday list (`dueAt: null`). */
export type ReportDeadline =
  | { ruleId: string; basis: string; dueAt: Date }
  | { ruleId: string; basis: string; dueAt: null; pendingCalendar: PendingCalendar };

export interface ReportDeadlines {
  /** Each due instant is null while it waits for a longer holiday list. */
  classifyDueAt: Date | null;
  receiptNoticeDueAt: Date | null;
  decisionDueAt: Date | null;
  /** Only for trafficking reports. */
  victimVerificationDueAt: Date | null;
  /**
   * Every limit whose clock starts at receipt and that applies to the report's kind, in rule
   * order, including alternatives that apply only in some cases (commune pass-on, the extended
   * two-month limit): the caller picks what its situation needs.
   */
  deadlines: ReportDeadline[];
  /** The years the holiday list lacks for some of these limits, ascending; empty when all are counted. */
  pendingCalendarYears: number[];
}

/**
 * The limits that start when a report is received. Submission through the chat is taken as
 * receipt: the system records it at once (Art. 146), and no later instant is known at that point.
 * A limit that runs into a year the holiday list does not cover is returned pending, not thrown:
 * the others are still counted, and the pending ones are counted again once the list is longer.
 * @example computeReportDeadlines({ submittedAt, kind: 'crime_tip' }, loadDeadlineRules(), calendar)
 */
export function computeReportDeadlines(
  report: { submittedAt: Date; kind: ReportKind },
  rules: readonly DeadlineRule[],
  calendar: VietnamCalendar,
): ReportDeadlines {
  const deadlines = rules
    .filter((r) => r.clockStart === 'receipt' && (r.appliesTo === 'all' || r.appliesTo === report.kind))
    .map((r) => countDeadline(r, report.submittedAt, calendar));
  const dueAt = (ruleId: string): Date | null => {
    const found = deadlines.find((d) => d.ruleId === ruleId);
    if (found === undefined)
      throw new Error(`deadline rule ${ruleId} is missing or does not start at receipt`);
    return found.dueAt;
  };
  const pendingYears = new Set(deadlines.flatMap((d) => (d.dueAt === null ? [d.pendingCalendar.year] : [])));
  return {
    classifyDueAt: dueAt('classify'),
    receiptNoticeDueAt: dueAt('receipt_notice'),
    decisionDueAt: dueAt('decide'),
    victimVerificationDueAt: report.kind === 'trafficking' ? dueAt('victim_verification') : null,
    deadlines,
    pendingCalendarYears: [...pendingYears].sort((a, b) => a - b),
  };
}

function countDeadline(rule: DeadlineRule, start: Date, calendar: VietnamCalendar): ReportDeadline {
  try {
    return { ruleId: rule.id, basis: rule.basis, dueAt: computeDeadline(rule, start, calendar) };
  } catch (error) {
    if (!isAppError(error, 'holidays_not_covered')) throw error;
    const { date } = error.details;
    const pendingCalendar = { date, year: Number(date.slice(0, 4)) };
    return { ruleId: rule.id, basis: rule.basis, dueAt: null, pendingCalendar };
  }
}
