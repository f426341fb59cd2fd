import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import type { ConversationState } from '../engine/conversation-state.ts';
import type { EffectResult } from '../engine/effect.ts';
import type { FlowName, Step, StepResult } from '../engine/step.ts';
import { textStep } from '../engine/text-step.ts';
import { receiptCodeSchema } from './receipt-code-schema.ts';

/**
 * A question for a receipt code, looked up by the intake (which limits guessing). Not found asks
 * again; too many wrong codes ends the flow; `found` says what a found report leads to.
 */
export function receiptCodeStep(spec: {
  name: string;
  flow: FlowName;
  question: LocalText;
  lookup: 'lookup_status' | 'find_report_for_follow_up';
  found: (result: EffectResult, state: ConversationState) => StepResult | null;
}): Step {
  return textStep({
    name: spec.name,
    flow: spec.flow,
    question: spec.question,
    schema: receiptCodeSchema,
    accept: (canonicalCode, state) => ({
      kind: 'effect',
      state,
      effect: { kind: spec.lookup, canonicalCode },
    }),
    onResult: (result, state) => {
      const found = spec.found(result, state);
      if (found) return found;
      switch (result.kind) {
        case 'report_not_found':
          return { kind: 'invalid', error: { key: 'status.not_found' } };
        case 'lookup_limited':
          return {
            kind: 'finish',
            state,
            replies: [{ text: [{ key: 'status.too_many', params: { minutes: result.retryAfterMinutes } }] }],
          };
        // An edited message added to the last report meanwhile: it was already acknowledged.
        case 'follow_up_appended':
          return { kind: 'stay', state, replies: [] };
        default:
          return { kind: 'invalid', error: { key: 'errors.try_again' } };
      }
    },
  });
}
