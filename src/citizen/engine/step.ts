import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import type { ConversationState } from './conversation-state.ts';
import type { Effect, EffectResult } from './effect.ts';
import type { ChannelCapabilities, InboundMessage } from './inbound-message.ts';
import type { Reply } from './reply.ts';

export interface StepContext {
  now: Date;
  capabilities: ChannelCapabilities;
  /**
   * The newest unanswered officer question already delivered to this chat, as the intake found it:
   * a message at the menu that is no menu choice answers it.
   */
  openQuestion?: { reportId: string; registerNumber: string } | undefined;
}

/** What a step makes of the citizen's input. Steps never throw on bad input: they say `invalid`. */
export type StepResult =
  /** Move on: `to` is prompted after any `notes`. */
  | { kind: 'next'; state: ConversationState; to: string; notes?: Reply[] }
  /** Stay on this step with these replies (a photo acknowledged, a toggle shown). */
  | { kind: 'stay'; state: ConversationState; replies: Reply[] }
  /** Ask this step's question again with the new state (search results to pick from). */
  | { kind: 'again'; state: ConversationState; notes?: Reply[] }
  /** Input not acceptable: the error is shown and the question asked again. */
  | { kind: 'invalid'; error: LocalText }
  /** Ask the intake for work; its result comes back through `onResult`. */
  | { kind: 'effect'; state: ConversationState; effect: Effect; notes?: Reply[] }
  /** The flow is over: show these replies, then the menu. */
  | { kind: 'finish'; state: ConversationState; replies: Reply[] };

/** Inputs a step sees: commands and amendments are handled by the engine before steps. */
export type StepInput = Exclude<InboundMessage, { kind: 'command' } | { kind: 'amendment' }>;

/** One named step of a flow: its question, its input handling and, if it asked for work, its result. */
export interface Step {
  name: string;
  /** The flow the step belongs to; a flow's steps share "back" history and the cancel behaviour. */
  flow: FlowName;
  prompt(state: ConversationState, ctx: StepContext): Reply;
  handle(input: StepInput, state: ConversationState, ctx: StepContext): StepResult;
  onResult?(result: EffectResult, state: ConversationState, ctx: StepContext): StepResult;
  /** Steps that take files themselves; elsewhere in a report flow files are kept in the draft. */
  acceptsAttachments?: boolean;
}

export type FlowName = 'start' | 'crime_tip' | 'trafficking' | 'status' | 'follow_up';

/** Flows that collect a report: attachments and edits are kept in their draft. */
export const reportFlows: ReadonlySet<FlowName> = new Set(['crime_tip', 'trafficking']);
