import { z } from 'zod';
import { crimeCategories } from '../../platform/vocabulary/report-categories.ts';
import { choiceStep, keyedChoice } from '../engine/choice-step.ts';
import type { Step } from '../engine/step.ts';
import { textStep } from '../engine/text-step.ts';
import { closingSteps } from './closing-steps.ts';
import { evidenceStep } from './evidence-step.ts';
import { placeSteps } from './place-steps.ts';
import { descriptionSchema, optionalDetailsSchema, whenChoices } from './report-answers.ts';

/** Journey 2: a crime tip, from category to receipt. */
export function crimeTipSteps(): Step[] {
  const flow = 'crime_tip';
  return [
    choiceStep({
      name: 'tip_category',
      flow,
      question: { key: 'tip.category_question' },
      choices: () => crimeCategories.map((id) => keyedChoice(id, 'category')),
      choose: (id, state) => ({
        kind: 'next',
        state: { ...state, draft: { ...state.draft, kind: 'crime_tip', category: id } },
        to: 'tip_description',
      }),
    }),
    textStep({
      name: 'tip_description',
      flow,
      question: { key: 'tip.description_question' },
      schema: descriptionSchema,
      accept: (description, state) => ({
        kind: 'next',
        state: { ...state, draft: { ...state.draft, description } },
        to: 'tip_when',
      }),
    }),
    choiceStep({
      name: 'tip_when',
      flow,
      question: { key: 'tip.when_question' },
      choices: () => whenChoices.map((id) => keyedChoice(id, 'when')),
      choose: (id, state) => ({
        kind: 'next',
        // A time typed before going back must not outlive the choice that replaces it.
        state: {
          ...state,
          draft: { ...state.draft, occurredWhen: id, ongoing: id === 'now', occurredText: undefined },
        },
        to: 'tip_place',
      }),
      freeText: (text, state) => {
        const parsed = z.string().trim().min(2).max(200).safeParse(text);
        if (!parsed.success) return { kind: 'invalid', error: { key: 'errors.pick_a_choice' } };
        return {
          kind: 'next',
          state: {
            ...state,
            draft: { ...state.draft, occurredText: parsed.data, occurredWhen: undefined, ongoing: undefined },
          },
          to: 'tip_place',
        };
      },
    }),
    ...placeSteps(flow, 'tip', 'tip_people'),
    textStep({
      name: 'tip_people',
      flow,
      question: { key: 'tip.people_question' },
      schema: optionalDetailsSchema,
      choices: [keyedChoice('skip', 'answer')],
      choose: (_id, state) => ({
        kind: 'next',
        state: { ...state, draft: { ...state.draft, peopleText: undefined } },
        to: 'tip_evidence',
      }),
      accept: (peopleText, state) => ({
        kind: 'next',
        state: { ...state, draft: { ...state.draft, peopleText } },
        to: 'tip_evidence',
      }),
    }),
    evidenceStep(flow, 'tip', 'tip_anonymity'),
    ...closingSteps(flow, 'tip'),
  ];
}
