import { isAppError } from '../../platform/errors/app-error.ts';
import { computeDeadline } from '../../triage/deadlines/compute-deadline.ts';
import type { DeadlineRule } from '../../triage/deadlines/load-deadline-rules.ts';
import type { VietnamCalendar } from '../../triage/deadlines/vietnam-calendar.ts';

/** The calendar and deadline rules that the status machine counts limits with. */
export interface CaseContext {
  calendar: VietnamCalendar;
  rules: readonly DeadlineRule[];
}

/** A counted limit, or the first date the holiday list would have needed. */
export type CountedDeadline = { dueAt: Date } | { uncoveredDate: string };

/**
 * The limit `ruleId` from `start`, counted as its rule says (Art. 134). `length` replaces the
 * rule's length when the action chooses one (a VKS extension of 1 month where the rule allows 2).
 * @example countRuleDeadline('decide', report.submittedAt, context) // { dueAt: 20 days after receipt }
 */
export function countRuleDeadline(
  ruleId: string,
  start: Date,
  context: CaseContext,
  length?: number,
): CountedDeadline {
  const rule = findDeadlineRule(ruleId, context);
  try {
    return {
      dueAt: computeDeadline({ length: length ?? rule.length, unit: rule.unit }, start, context.calendar),
    };
  } catch (error) {
    if (isAppError(error, 'holidays_not_covered')) return { uncoveredDate: error.details.date };
    throw error;
  }
}

/** The rule `ruleId`; a rule missing from the rules is a deployment defect and throws. */
export function findDeadlineRule(ruleId: string, context: CaseContext): DeadlineRule {
  const rule = context.rules.find((r) => r.id === ruleId);
  if (rule === undefined) throw new Error(`deadline rule ${ruleId} is missing from the deadline rules`);
  return rule;
}
