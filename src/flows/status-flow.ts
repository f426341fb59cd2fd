import type { Language } from '../engine/conversation-state.ts';
import type { ReportStatusView } from '../engine/effect.ts';
import type { LocalText } from '../engine/reply.ts';
import type { Step } from '../engine/step.ts';
import { textStep } from '../engine/text-step.ts';
import { formatDate } from '../text/format-date.ts';
import { receiptCodeSchema } from './receipt-code-schema.ts';

/** Journey 4: the status of a report, by its receipt code. Guessing is rate-limited by the intake. */
export function statusSteps(): Step[] {
  return [
    textStep({
      name: 'st_code',
      flow: 'status',
      question: { key: 'status.code_question' },
      schema: receiptCodeSchema,
      accept: (canonicalCode, state) => ({
        kind: 'effect',
        state,
        effect: { kind: 'lookup_status', canonicalCode },
      }),
      onResult: (result, state) => {
        switch (result.kind) {
          case 'status_found':
            return { kind: 'finish', state, replies: [{ text: statusLines(result.report, state.language) }] };
          case 'report_not_found':
            return { kind: 'invalid', error: { key: 'status.not_found' } };
          case 'lookup_limited':
            return {
              kind: 'finish',
              state,
              replies: [
                { text: [{ key: 'status.too_many', params: { minutes: result.retryAfterMinutes } }] },
              ],
            };
          // An edited message added to the last report meanwhile: it was already acknowledged.
          case 'follow_up_appended':
            return { kind: 'stay', state, replies: [] };
          default:
            return { kind: 'invalid', error: { key: 'errors.try_again' } };
        }
      },
    }),
  ];
}

/** The plain-language status: what stage, by when a decision is due, and any open question. */
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
  if (report.openQuestion)
    lines.push({ key: 'status.open_question', params: { question: report.openQuestion } });
  return lines;
}
