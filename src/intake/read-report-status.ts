import type { Transaction } from '../database/create-database-client.ts';
import type { ReportStatusView } from '../engine/effect.ts';

/** What a reporter may see of their report: status, deadline and the officer's open question. */
export async function readReportStatus(tx: Transaction, reportId: string): Promise<ReportStatusView> {
  const report = await tx.report.findUniqueOrThrow({
    where: { id: reportId },
    select: {
      registerNumber: true,
      status: true,
      submittedAt: true,
      decisionDueAt: true,
      followUps: {
        where: { direction: 'to_reporter', answeredAt: null },
        orderBy: { createdAt: 'desc' },
        take: 1,
        select: { text: true },
      },
    },
  });
  return {
    registerNumber: report.registerNumber,
    status: report.status,
    submittedAt: report.submittedAt,
    decisionDueAt: report.decisionDueAt,
    openQuestion: report.followUps[0]?.text ?? null,
  };
}
