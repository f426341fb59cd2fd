import { addAttachment } from '../engine/add-attachment.ts';
import { choiceStep, keyedChoice } from '../engine/choice-step.ts';
import type { FlowName, Step } from '../engine/step.ts';

/** Optional photos and files. Each is acknowledged (an album once); "done" or "skip" moves on. */
export function evidenceStep(flow: FlowName, prefix: string, next: string): Step {
  const step = choiceStep({
    name: `${prefix}_evidence`,
    flow,
    question: (state, ctx) => [
      { key: ctx.capabilities.attachments ? 'evidence.question' : 'evidence.question_no_files' },
      ...(state.draft.attachments.length > 0
        ? [{ key: 'evidence.count', params: { count: state.draft.attachments.length } }]
        : []),
    ],
    choices: (state) => [keyedChoice(state.draft.attachments.length > 0 ? 'done' : 'skip', 'evidence')],
    choose: (_id, state) => ({ kind: 'next', state, to: next }),
    freeText: (text, state) => ({
      kind: 'stay',
      state: {
        ...state,
        draft: { ...state.draft, amendments: [...state.draft.amendments, text.slice(0, 4000)] },
      },
      replies: [
        {
          text: [{ key: 'evidence.note_kept' }],
          choices: [keyedChoice('done', 'evidence')],
          stepName: `${prefix}_evidence`,
        },
      ],
    }),
    other: (input, state) => {
      if (input.kind !== 'attachment') return null;
      const added = addAttachment(state, input);
      if (added.error) return { kind: 'invalid', error: added.error };
      const count = added.state.draft.attachments.length;
      const sameAlbum = input.groupId !== undefined && input.groupId === state.lastMediaGroupId;
      return {
        kind: 'stay',
        state: added.state,
        replies: sameAlbum
          ? []
          : [
              {
                text: [{ key: 'evidence.received', params: { count } }],
                choices: [keyedChoice('done', 'evidence')],
                stepName: `${prefix}_evidence`,
              },
            ],
      };
    },
  });
  return { ...step, acceptsAttachments: true };
}
