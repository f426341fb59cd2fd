import { type CalendarHorizon, calendarNeedsAPerson } from '../../triage/deadlines/read-calendar-horizon.ts';
import type { IntakeReconciliation } from './read-intake-reconciliation.ts';

/**
 * Whether `npm run reconcile` should alert (exit 2): an item is unaccounted for, or the holiday
 * calendar needs a person. Work still within its grace period or delivery budget does not.
 */
export function needsAPerson(books: IntakeReconciliation, calendar: CalendarHorizon | null): boolean {
  return books.unaccounted.length > 0 || (calendar !== null && calendarNeedsAPerson(calendar));
}
