import { parseVietnamesePhone } from '../../platform/text/parse-vietnamese-phone.ts';
import { choiceStep, keyedChoice } from '../engine/choice-step.ts';
import type { ConversationState } from '../engine/conversation-state.ts';
import type { Reply } from '../engine/reply.ts';
import type { FlowName, Step, StepResult } from '../engine/step.ts';
import { emergencyCard } from './info-cards.ts';
import { reviewSummary } from './review-summary.ts';

/**
 * The end of every report: anonymity (confidential asks for the phone through the contact
 * button), the review, and the submission whose receipt is shown only after it is committed.
 */
export function closingSteps(flow: FlowName, prefix: string): Step[] {
  const names = {
    anonymity: `${prefix}_anonymity`,
    contact: `${prefix}_contact`,
    review: `${prefix}_review`,
  };

  const anonymity = choiceStep({
    name: names.anonymity,
    flow,
    question: { key: 'anonymity.question' },
    choices: () => [keyedChoice('anonymous', 'anonymity'), keyedChoice('confidential', 'anonymity')],
    choose: (id, state) =>
      id === 'anonymous'
        ? { kind: 'next', state: withContact(state, 'anonymous', undefined), to: names.review }
        : { kind: 'next', state, to: names.contact },
  });

  const phoneGiven = (raw: string, state: ConversationState): StepResult => {
    const phone = parseVietnamesePhone(raw) ?? internationalPhone(raw);
    if (!phone) return { kind: 'invalid', error: { key: 'contact.invalid_phone' } };
    return { kind: 'next', state: withContact(state, 'confidential', phone), to: names.review };
  };

  const contact = choiceStep({
    name: names.contact,
    flow,
    question: (_state, ctx) => [
      { key: ctx.capabilities.contactRequest ? 'contact.question' : 'contact.question_typed' },
    ],
    request: 'contact',
    choices: () => [keyedChoice('anonymous_instead', 'contact')],
    choose: (_id, state) => ({
      kind: 'next',
      state: withContact(state, 'anonymous', undefined),
      to: names.review,
    }),
    freeText: phoneGiven,
    // Telegram sends contact numbers in international form, sometimes without the "+".
    other: (input, state) =>
      input.kind === 'contact'
        ? phoneGiven(input.phone.trim().startsWith('+') ? input.phone : `+${input.phone.trim()}`, state)
        : null,
  });

  const review: Step = {
    ...choiceStep({
      name: names.review,
      flow,
      question: (state) => reviewSummary(state.draft),
      choices: () => [keyedChoice('confirm', 'review')],
      choose: (_id, state) => ({
        kind: 'effect',
        state,
        effect: { kind: 'submit_report', draft: state.draft, language: state.language },
      }),
    }),
    onResult(result, state) {
      if (result.kind !== 'report_submitted') return { kind: 'invalid', error: { key: 'errors.try_again' } };
      const replies: Reply[] = [
        {
          receiptFor: result.reportId,
          text: [
            {
              key: 'receipt.submitted',
              params: { code: result.receiptCode, register: result.registerNumber },
            },
            { key: 'receipt.keep_code' },
            { key: flow === 'trafficking' ? 'receipt.next_steps_trafficking' : 'receipt.next_steps' },
          ],
        },
      ];
      if (flow === 'trafficking' && state.draft.dangerNow) replies.push(emergencyCard);
      return { kind: 'finish', state: { ...state, lastReportId: result.reportId }, replies };
    },
  };

  return [anonymity, contact, review];
}

function withContact(
  state: ConversationState,
  anonymity: 'anonymous' | 'confidential',
  phone: string | undefined,
): ConversationState {
  const draft = { ...state.draft, anonymity };
  if (phone === undefined) delete draft.phone;
  else draft.phone = phone;
  return { ...state, draft };
}

/** A foreign number shared through the contact button (a relative abroad): digits only, 8–15 long. */
function internationalPhone(raw: string): string | null {
  const digits = raw.replace(/[\s().-]/g, '');
  return /^\+?[1-9]\d{7,14}$/.test(digits) && digits.startsWith('+') ? digits : null;
}
