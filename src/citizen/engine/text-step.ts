import type { z } from 'zod';
import { foldDiacritics } from '../../platform/text/fold-diacritics.ts';
import { translate } from '../../platform/text/translate.ts';
import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import type { ConversationState } from './conversation-state.ts';
import type { Reply, ReplyChoice } from './reply.ts';
import type { FlowName, Step, StepContext, StepResult } from './step.ts';

export interface TextStepSpec<T> {
  name: string;
  flow: FlowName;
  question: LocalText;
  /** Validates and shapes the text; the first issue's message is a locale key shown to the citizen. */
  schema: z.ZodType<T>;
  accept: (value: T, state: ConversationState, ctx: StepContext) => StepResult;
  /** Optional buttons beside the text box ("skip"). */
  choices?: ReplyChoice[];
  choose?: (choiceId: string, state: ConversationState, ctx: StepContext) => StepResult;
  onResult?: Step['onResult'];
}

/** A step answered with free text, checked by a zod schema whose messages are locale keys. */
export function textStep<T>(spec: TextStepSpec<T>): Step {
  const choices = spec.choices ?? [];
  return {
    name: spec.name,
    flow: spec.flow,
    ...(spec.onResult ? { onResult: spec.onResult } : {}),
    prompt(): Reply {
      return { text: [spec.question], choices, stepName: spec.name };
    },
    handle(input, state, ctx) {
      if (input.kind === 'choice') {
        if (spec.choose && choices.some((c) => c.id === input.choiceId)) {
          return spec.choose(input.choiceId, state, ctx);
        }
        return { kind: 'invalid', error: { key: 'errors.stale_button' } };
      }
      if (input.kind !== 'text') return { kind: 'invalid', error: { key: 'errors.text_expected' } };
      const typedChoice = spec.choose ? exactChoice(input.text, choices, state) : null;
      if (spec.choose && typedChoice) return spec.choose(typedChoice, state, ctx);
      const parsed = spec.schema.safeParse(input.text);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const limit =
          issue && 'minimum' in issue ? issue.minimum : issue && 'maximum' in issue ? issue.maximum : '';
        return {
          kind: 'invalid',
          error: { key: issue?.message ?? 'errors.invalid', params: { limit: String(limit) } },
        };
      }
      return spec.accept(parsed.data, state, ctx);
    },
  };
}

/** Only a whole typed label ("bo qua") or a lone number picks a button here: anything else is the answer. */
function exactChoice(text: string, choices: ReplyChoice[], state: ConversationState): string | null {
  const typed = text.trim();
  if (/^\d$/.test(typed)) return choices[Number(typed) - 1]?.id ?? null;
  const folded = foldDiacritics(typed);
  const hit = choices.find(
    (c) =>
      foldDiacritics('literal' in c.label ? c.label.literal : translate(state.language, c.label)) === folded,
  );
  return hit?.id ?? null;
}
