import { z } from 'zod';
import { helpKinds, traffickingSituations } from '../../platform/vocabulary/report-categories.ts';
import { choiceStep, keyedChoice } from '../engine/choice-step.ts';
import type { ConversationState } from '../engine/conversation-state.ts';
import type { Step } from '../engine/step.ts';
import { textStep } from '../engine/text-step.ts';
import { closingSteps } from './closing-steps.ts';
import { evidenceStep } from './evidence-step.ts';
import { emergencyCard } from './info-cards.ts';
import { placeSteps } from './place-steps.ts';
import { descriptionSchema } from './report-answers.ts';

export const countries = ['cambodia', 'myanmar', 'laos', 'china', 'thailand', 'malaysia'] as const;
const lastContactChoices = ['today', 'this_week', 'this_month', 'longer', 'unknown'] as const;

const withDraft = (
  state: ConversationState,
  patch: Partial<ConversationState['draft']>,
): ConversationState => ({
  ...state,
  draft: { ...state.draft, ...patch },
});

/** Abroad or unknown: a place in Viet Nam given before going back no longer applies. */
const noPlaceInVietnam = {
  provinceCode: undefined,
  wardCode: undefined,
  latitude: undefined,
  longitude: undefined,
  placeUnknown: undefined,
};

/** Journey 3: a trafficking report, starting with the danger check. */
export function traffickingSteps(): Step[] {
  const flow = 'trafficking';
  return [
    choiceStep({
      name: 'tr_danger',
      flow,
      question: { key: 'trafficking.danger_question' },
      choices: () => [keyedChoice('yes', 'answer'), keyedChoice('no', 'answer')],
      // Someone in danger now gets the emergency numbers at once; the report goes on at top priority.
      choose: (id, state) => ({
        kind: 'next',
        state: withDraft(state, { kind: 'trafficking', dangerNow: id === 'yes', ongoing: id === 'yes' }),
        to: 'tr_affected',
        notes:
          id === 'yes' ? [emergencyCard, { text: [{ key: 'trafficking.continue_after_emergency' }] }] : [],
      }),
    }),
    choiceStep({
      name: 'tr_affected',
      flow,
      question: { key: 'trafficking.affected_question' },
      choices: () => ['self', 'family', 'other'].map((id) => keyedChoice(id, 'affected')),
      choose: (id, state) => ({ kind: 'next', state: withDraft(state, { affected: id }), to: 'tr_child' }),
    }),
    choiceStep({
      name: 'tr_child',
      flow,
      question: { key: 'trafficking.child_question' },
      choices: () => ['yes', 'no', 'unknown'].map((id) => keyedChoice(id, 'child')),
      choose: (id, state) => ({
        kind: 'next',
        state: withDraft(state, { childInvolved: id }),
        to: 'tr_situation',
      }),
    }),
    choiceStep({
      name: 'tr_situation',
      flow,
      question: { key: 'trafficking.situation_question' },
      choices: () => traffickingSituations.map((id) => keyedChoice(id, 'situation')),
      choose: (id, state) => ({
        kind: 'next',
        state: withDraft(state, { situation: id, category: 'trafficking' }),
        to: 'tr_description',
      }),
    }),
    textStep({
      name: 'tr_description',
      flow,
      question: { key: 'trafficking.description_question' },
      schema: descriptionSchema,
      accept: (description, state) => ({
        kind: 'next',
        state: withDraft(state, { description }),
        to: 'tr_where',
      }),
    }),
    choiceStep({
      name: 'tr_where',
      flow,
      question: { key: 'trafficking.where_question' },
      choices: () => [
        keyedChoice('vietnam', 'country'),
        ...countries.map((id) => keyedChoice(id, 'country')),
        keyedChoice('unknown', 'country'),
      ],
      choose: (id, state) =>
        id === 'vietnam'
          ? { kind: 'next', state: withDraft(state, { country: 'vietnam' }), to: 'tr_place' }
          : {
              kind: 'next',
              state: withDraft(state, { country: id, ...noPlaceInVietnam }),
              to: 'tr_last_contact',
            },
      // Any other country is typed by name.
      freeText: (text, state) => {
        const parsed = z.string().trim().min(2).max(100).safeParse(text);
        if (!parsed.success) return { kind: 'invalid', error: { key: 'errors.pick_a_choice' } };
        return {
          kind: 'next',
          state: withDraft(state, { country: `custom:${parsed.data}`, ...noPlaceInVietnam }),
          to: 'tr_last_contact',
        };
      },
    }),
    ...placeSteps(flow, 'tr', 'tr_last_contact'),
    choiceStep({
      name: 'tr_last_contact',
      flow,
      question: { key: 'trafficking.last_contact_question' },
      choices: () => lastContactChoices.map((id) => keyedChoice(id, 'last_contact')),
      choose: (id, state) => ({
        kind: 'next',
        state: withDraft(state, { lastContactText: `#${id}` }),
        to: 'tr_help',
      }),
      freeText: (text, state) => {
        const parsed = z.string().trim().min(2).max(500).safeParse(text);
        if (!parsed.success) return { kind: 'invalid', error: { key: 'errors.pick_a_choice' } };
        return { kind: 'next', state: withDraft(state, { lastContactText: parsed.data }), to: 'tr_help' };
      },
    }),
    choiceStep({
      name: 'tr_help',
      flow,
      question: (state) => [
        { key: 'trafficking.help_question' },
        ...(state.draft.helpNeeded.length > 0
          ? [{ key: 'trafficking.help_selected', params: { count: state.draft.helpNeeded.length } }]
          : []),
      ],
      // Several kinds of help may be needed: each press toggles one, "done" moves on.
      choices: (state) => [
        ...helpKinds.map((id) => ({
          id,
          label: {
            key: state.draft.helpNeeded.includes(id) ? 'help_kind.selected' : 'help_kind.unselected',
            params: { label: { key: `help_kind.${id}` } },
          },
        })),
        keyedChoice('done', 'evidence'),
      ],
      choose: (id, state) => {
        if (id === 'done') return { kind: 'next', state, to: 'tr_evidence' };
        const selected = state.draft.helpNeeded.includes(id)
          ? state.draft.helpNeeded.filter((h) => h !== id)
          : [...state.draft.helpNeeded, id];
        return { kind: 'again', state: withDraft(state, { helpNeeded: selected }) };
      },
    }),
    evidenceStep(flow, 'tr', 'tr_anonymity'),
    ...closingSteps(flow, 'tr'),
  ];
}
