import type { CalendarCheck } from './read-calendar-check.ts';
import type { IntakeReconciliation } from './read-intake-reconciliation.ts';

/**
 * Whether `npm run reconcile` should alert (exit 2): an item is unaccounted for, or the holiday
 * calendar needs a person. Work still within its grace period or delivery budget does not.
 */
export function needsAPerson(books: IntakeReconciliation, calendar: CalendarCheck | null): boolean {
  return books.unaccounted.length > 0 || (calendar !== null && calendarNeedsAPerson(calendar));
}

/** The calendar runs out soon, or reports already wait for a deadline it cannot compute. */
export function calendarNeedsAPerson(calendar: CalendarCheck): boolean {
  return calendar.warning || calendar.reportsPendingCalendar > 0;
}
