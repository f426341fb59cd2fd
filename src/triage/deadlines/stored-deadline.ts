import { z } from 'zod';
import type { ReportDeadline } from './compute-report-deadlines.ts';

/** A receipt limit as a report event's detail holds it (`triaged`, `deadlines_rederived`). */
export type StoredDeadline =
  | { ruleId: string; basis: string; dueAt: string }
  | { ruleId: string; basis: string; dueAt: null; pendingCalendar: { date: string; year: number } };

/** @example toStoredDeadline({ ruleId: 'decide', basis, dueAt }) // { ruleId, basis, dueAt: '2027-11-22T16:59:59.999Z' } */
export function toStoredDeadline(deadline: ReportDeadline): StoredDeadline {
  return deadline.dueAt === null
    ? {
        ruleId: deadline.ruleId,
        basis: deadline.basis,
        dueAt: null,
        pendingCalendar: deadline.pendingCalendar,
      }
    : { ruleId: deadline.ruleId, basis: deadline.basis, dueAt: deadline.dueAt.toISOString() };
}

/**
 * The part of a stored detail that says which limits were counted: enough to tell which ones a
 * longer holiday list should count now. Other fields of the detail are ignored.
 */
export const storedDeadlinesSchema = z.object({
  deadlines: z.array(z.object({ ruleId: z.string(), dueAt: z.string().nullable() })),
});
