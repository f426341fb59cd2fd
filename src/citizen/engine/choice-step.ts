import { translate } from '../../platform/text/translate.ts';
import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import type { ConversationState } from './conversation-state.ts';
import { matchChoice } from './match-choice.ts';
import type { Reply, ReplyChoice } from './reply.ts';
import type { FlowName, Step, StepContext, StepInput, StepResult } from './step.ts';

export interface ChoiceStepSpec {
  name: string;
  flow: FlowName;
  question: LocalText | ((state: ConversationState, ctx: StepContext) => LocalText[]);
  choices: (state: ConversationState, ctx: StepContext) => ReplyChoice[];
  /** What the chosen id does; ids come only from `choices`, so no further validation is needed. */
  choose: (choiceId: string, state: ConversationState, ctx: StepContext) => StepResult;
  /** Free text that is not one of the choices (a typed time, a country); default: invalid. */
  freeText?: (text: string, state: ConversationState, ctx: StepContext) => StepResult;
  /** Ask for a pin or the phone through the platform's button, where the channel has one. */
  request?: 'location' | 'contact';
  /** Inputs other than text and choice (a location pin, a contact). */
  other?: (input: StepInput, state: ConversationState, ctx: StepContext) => StepResult | null;
}

/**
 * A step answered by picking one of a list: a button press, the choice's number, or its label
 * typed with or without diacritics.
 */
export function choiceStep(spec: ChoiceStepSpec): Step {
  const questionOf = (state: ConversationState, ctx: StepContext) =>
    typeof spec.question === 'function' ? spec.question(state, ctx) : [spec.question];
  return {
    name: spec.name,
    flow: spec.flow,
    prompt(state, ctx): Reply {
      const reply: Reply = {
        text: questionOf(state, ctx),
        choices: spec.choices(state, ctx),
        stepName: spec.name,
      };
      const canRequest =
        spec.request === 'location' ? ctx.capabilities.locationRequest : ctx.capabilities.contactRequest;
      if (spec.request && canRequest) reply.request = spec.request;
      return reply;
    },
    handle(input, state, ctx) {
      const choices = spec.choices(state, ctx);
      if (input.kind === 'choice') {
        return choices.some((c) => c.id === input.choiceId)
          ? spec.choose(input.choiceId, state, ctx)
          : { kind: 'invalid', error: { key: 'errors.stale_button' } };
      }
      if (input.kind === 'text') {
        const id = matchChoice(input.text, choices, (c) =>
          'literal' in c.label ? c.label.literal : translate(state.language, c.label),
        );
        if (id !== null) return spec.choose(id, state, ctx);
        if (spec.freeText) return spec.freeText(input.text, state, ctx);
        return { kind: 'invalid', error: { key: 'errors.pick_a_choice' } };
      }
      const handled = spec.other?.(input, state, ctx);
      return handled ?? { kind: 'invalid', error: { key: 'errors.pick_a_choice' } };
    },
  };
}

/** A choice whose label is a locale key built from a prefix: `choice('drugs', 'category')`. */
export function keyedChoice(id: string, prefix: string): ReplyChoice {
  return { id, label: { key: `${prefix}.${id}` } };
}
