import type { ReportStatusView } from '../../citizen/engine/effect.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { takeWaitingNotices } from './take-waiting-notices.ts';

/**
 * What a reporter may see of their report: status, deadline, the notices their chat could not be
 * sent (marked shown in this transaction) and the officer's open question.
 */
export async function readReportStatus(tx: PgClient, reportId: string, now: Date): Promise<ReportStatusView> {
  const { rows } = await tx.query<{
    register_number: string;
    status: string;
    submitted_at: Date;
    decision_due_at: Date | null;
    open_question: string | null;
  }>(
    `SELECT register_number, status::text, submitted_at, decision_due_at,
            (SELECT text FROM follow_up f
             WHERE f.report_id = r.id AND f.direction = 'to_reporter' AND f.answered_at IS NULL
             ORDER BY created_at DESC LIMIT 1) AS open_question
     FROM report r WHERE id = $1`,
    [reportId],
  );
  const report = rows[0];
  if (!report) throw new Error('report not found for its status');
  return {
    reportId,
    registerNumber: report.register_number,
    status: report.status,
    submittedAt: report.submitted_at,
    decisionDueAt: report.decision_due_at,
    openQuestion: report.open_question,
    notices: await takeWaitingNotices(tx, reportId, now),
  };
}
