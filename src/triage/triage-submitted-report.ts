import type { Database } from '../database/create-database-client.ts';
import { computeReportDeadlines } from '../deadlines/compute-report-deadlines.ts';
import type { DeadlineRule } from '../deadlines/load-deadline-rules.ts';
import type { VietnamCalendar } from '../deadlines/vietnam-calendar.ts';
import { assessPriority } from './assess-priority.ts';
import type { TriageRules } from './load-triage-rules.ts';
import { routeReport } from './route-report.ts';

export interface TriageSettings {
  rules: TriageRules;
  deadlineRules: readonly DeadlineRule[];
  calendar: VietnamCalendar;
  defaultProvinceCode: string;
}

export type TriageOutcome =
  | { outcome: 'triaged' /** From submission to this triage, for the lag metric. */; lagSeconds: number }
  | { outcome: 'already_triaged' | 'no_such_report' };

/**
 * Classifies, prioritises, routes and gives deadlines to one submitted report. Idempotent: the
 * update only applies to a report not yet triaged, and the `triaged` event is written in the same
 * transaction, so running the job twice (a stalled job re-run, a reconciler re-add) changes
 * nothing the second time.
 */
export async function triageSubmittedReport(
  db: Database,
  settings: TriageSettings,
  reportId: string,
  now: Date = new Date(),
): Promise<TriageOutcome> {
  const report = await db.report.findUnique({ where: { id: reportId } });
  if (!report) return { outcome: 'no_such_report' };
  if (report.triagedAt) return { outcome: 'already_triaged' };

  const priority = assessPriority(report, settings.rules.priority);
  const routing = routeReport(report, settings.rules.routing, {
    defaultProvinceCode: settings.defaultProvinceCode,
  });
  const deadlines = computeReportDeadlines(
    { submittedAt: report.submittedAt, kind: report.kind },
    settings.deadlineRules,
    settings.calendar,
  );
  return db.$transaction(
    async (tx) => {
      const updated = await tx.report.updateMany({
        where: { id: reportId, triagedAt: null },
        data: {
          triagedAt: now,
          priority: priority.priority,
          priorityHits: priority.hits.map((hit) => ({ ...hit })),
          unitId: routing.unitId,
          routingReason: routing.reason,
          classifyDueAt: deadlines.classifyDueAt,
          receiptNoticeDueAt: deadlines.receiptNoticeDueAt,
          decisionDueAt: deadlines.decisionDueAt,
          victimVerificationDueAt: deadlines.victimVerificationDueAt,
          ...(report.kind === 'trafficking' && report.victimTrackStatus === 'none'
            ? { victimTrackStatus: 'victim_verification' as const, victimVerificationAt: now }
            : {}),
        },
      });
      if (updated.count === 0) return { outcome: 'already_triaged' };
      await tx.reportEvent.create({
        data: {
          reportId,
          kind: 'triaged',
          actor: 'system',
          at: now,
          detail: {
            priority: priority.priority,
            hits: priority.hits.map((hit) => ({ ...hit })),
            unitId: routing.unitId,
            routingReason: routing.reason,
            deadlines: deadlines.deadlines.map((d) => ({
              ruleId: d.ruleId,
              dueAt: d.dueAt.toISOString(),
              basis: d.basis,
            })),
          },
        },
      });
      return { outcome: 'triaged', lagSeconds: (now.getTime() - report.submittedAt.getTime()) / 1000 };
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}
