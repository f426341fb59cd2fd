import { formatDate } from '../../platform/text/format-date.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import type { ReportStatusView } from '../engine/effect.ts';
import type { Step } from '../engine/step.ts';
import { receiptCodeStep } from './receipt-code-step.ts';
import { reporterNoticeLines } from './reporter-notice-lines.ts';

/** Journey 4: the status of a report, by its receipt code. Guessing is rate-limited by the intake. */
export function statusSteps(): Step[] {
  return [
    receiptCodeStep({
      name: 'st_code',
      flow: 'status',
      question: { key: 'status.code_question' },
      lookup: 'lookup_status',
      found: (result, state) => {
        if (result.kind !== 'status_found') return null;
        const text = statusLines(result.report, state.language);
        if (!result.report.openQuestion) return { kind: 'finish', state, replies: [{ text }] };
        // An open question can be answered at once: the chat goes on adding to this report.
        return {
          kind: 'next',
          state: {
            ...state,
            followUpReportId: result.report.reportId,
            followUpRegisterNumber: result.report.registerNumber,
          },
          to: 'fu_content',
          notes: [{ text }],
        };
      },
    }),
  ];
}

/** The plain-language status: what stage, by when a decision is due, notices not sent before, any open question. */
export function statusLines(report: ReportStatusView, language: Language): LocalText[] {
  const lines: LocalText[] = [
    {
      key: 'status.found',
      params: {
        register: report.registerNumber,
        submitted: formatDate(report.submittedAt, language),
        status: { key: `report_status.${report.status}` },
      },
    },
  ];
  if (report.decisionDueAt) {
    lines.push({ key: 'status.decision_due', params: { date: formatDate(report.decisionDueAt, language) } });
  }
  for (const notice of report.notices ?? []) lines.push(...reporterNoticeLines(notice, language));
  if (report.openQuestion)
    lines.push({ key: 'status.open_question', params: { question: report.openQuestion } });
  return lines;
}
