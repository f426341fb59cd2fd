import { choiceStep, keyedChoice } from '../engine/choice-step.ts';
import type { Step } from '../engine/step.ts';
import { receiptCodeStep } from './receipt-code-step.ts';
import { descriptionSchema } from './report-answers.ts';

/** Journey 5: add text or files to a submitted report, found by its receipt code. */
export function followUpSteps(): Step[] {
  const code = receiptCodeStep({
    name: 'fu_code',
    flow: 'follow_up',
    question: { key: 'follow_up.code_question' },
    lookup: 'find_report_for_follow_up',
    found: (result, state) =>
      result.kind === 'follow_up_report_found'
        ? {
            kind: 'next',
            state: {
              ...state,
              followUpReportId: result.reportId,
              followUpRegisterNumber: result.registerNumber,
            },
            to: 'fu_content',
          }
        : null,
  });

  const contentStep = choiceStep({
    name: 'fu_content',
    flow: 'follow_up',
    question: (state) => [
      { key: 'follow_up.content_question', params: { register: state.followUpRegisterNumber ?? '' } },
    ],
    choices: () => [keyedChoice('done', 'evidence')],
    choose: (_id, state) => ({ kind: 'finish', state, replies: [{ text: [{ key: 'follow_up.thanks' }] }] }),
    freeText: (text, state) => {
      const parsed = descriptionSchema.safeParse(text);
      if (!parsed.success) {
        return {
          kind: 'invalid',
          error: {
            key: parsed.error.issues[0]?.message ?? 'errors.invalid',
            params: { limit: text.length > 10 ? 4000 : 10 },
          },
        };
      }
      if (!state.followUpReportId) return { kind: 'invalid', error: { key: 'errors.try_again' } };
      return {
        kind: 'effect',
        state,
        effect: { kind: 'append_follow_up', reportId: state.followUpReportId, text: parsed.data },
      };
    },
    other: (input, state) => {
      if (input.kind !== 'attachment' || !state.followUpReportId) return null;
      if (input.attachment.kind === 'sticker')
        return { kind: 'invalid', error: { key: 'evidence.sticker_declined' } };
      return {
        kind: 'effect',
        state,
        effect: {
          kind: 'append_follow_up',
          reportId: state.followUpReportId,
          attachment: input.attachment,
          ...(input.caption ? { text: input.caption } : {}),
        },
      };
    },
  });

  const content: Step = {
    ...contentStep,
    acceptsAttachments: true,
    onResult: (result, state) =>
      result.kind === 'follow_up_appended'
        ? {
            kind: 'stay',
            state,
            replies: [
              {
                text: [{ key: 'follow_up.added' }],
                choices: [keyedChoice('done', 'evidence')],
                stepName: 'fu_content',
              },
            ],
          }
        : { kind: 'invalid', error: { key: 'errors.try_again' } },
  };
  return [code, content];
}
