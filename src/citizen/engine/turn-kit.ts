import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import { type ConversationState, emptyDraft } from './conversation-state.ts';
import type { Effect } from './effect.ts';
import type { Reply } from './reply.ts';
import { type FlowName, reportFlows, type Step, type StepContext, type StepResult } from './step.ts';

/** The steps the engine runs, and where its fixed places are. Built by the flows module. */
export interface StepRegistry {
  step(name: string): Step | undefined;
  /** The first step of each flow (deep links and menu choices lead there). */
  entry(flow: Exclude<FlowName, 'start'>): string;
  menuStep: string;
  languageStep: string;
  /** Where a reporter adds to a report (its id in `followUpReportId`): an officer's question is answered there. */
  answerStep: string;
  /** Cards shown on request from anywhere: the emergency numbers and the help text. */
  emergencyCard: Reply;
  helpCard: Reply;
  /** The receipt code typed with a status phrase ("tra cứu ABCD-…"), or null. */
  statusQuery(text: string): string | null;
}

/** How the intake should count the inbound event that produced this turn. */
export type TurnOutcome = 'report_step' | 'status_query' | 'follow_up' | 'other';

export interface EngineTurn {
  state: ConversationState;
  replies: Reply[];
  /** At most one piece of work per turn; its result is fed back through `handleEffectResult`. */
  effect: Effect | null;
  outcome: TurnOutcome;
}

/**
 * How the engine makes a turn: a step's question with the Back and Cancel buttons, the way back to
 * the menu, and what a step's result becomes (the next question, an error, an effect, the end).
 */
export function createTurnKit(registry: StepRegistry) {
  const stepOf = (name: string): Step => {
    const step = registry.step(name);
    if (!step) throw new Error(`unknown step ${name}`);
    return step;
  };

  const prompt = (state: ConversationState, ctx: StepContext, before: LocalText[] = []): Reply => {
    const step = stepOf(state.step);
    const reply = step.prompt(state, ctx);
    const withNav: Reply = { ...reply, text: [...before, ...reply.text] };
    if (step.flow !== 'start') {
      withNav.choices = [
        ...(reply.choices ?? []),
        { id: 'nav_back', label: { key: 'nav.back' } },
        { id: 'nav_cancel', label: { key: 'nav.cancel' } },
      ];
      withNav.stepName = step.name;
    }
    return withNav;
  };

  const toMenu = (state: ConversationState): ConversationState => ({
    ...state,
    step: registry.menuStep,
    history: [],
    draft: emptyDraft(),
    followUpReportId: undefined,
    followUpRegisterNumber: undefined,
  });

  const outcomeOf = (state: ConversationState): TurnOutcome => {
    const flow = stepOf(state.step).flow;
    if (reportFlows.has(flow)) return 'report_step';
    if (flow === 'status') return 'status_query';
    if (flow === 'follow_up') return 'follow_up';
    return 'other';
  };

  const turn = (
    state: ConversationState,
    replies: Reply[],
    effect: Effect | null = null,
    outcome?: TurnOutcome,
  ) => ({
    state,
    replies,
    effect,
    outcome: outcome ?? outcomeOf(state),
  });

  const apply = (result: StepResult, state: ConversationState, ctx: StepContext): EngineTurn => {
    const flowBefore = stepOf(state.step).flow;
    const outcomeBefore = outcomeOf(state);
    switch (result.kind) {
      case 'next': {
        const target = stepOf(result.to);
        const history = target.flow === flowBefore ? [...result.state.history, state.step] : [];
        const next = { ...result.state, step: result.to, history };
        return turn(next, [...(result.notes ?? []), prompt(next, ctx)], null, outcomeBefore);
      }
      case 'stay':
        return turn(result.state, result.replies, null, outcomeBefore);
      case 'again':
        return turn(result.state, [...(result.notes ?? []), prompt(result.state, ctx)], null, outcomeBefore);
      case 'invalid':
        return turn(state, [prompt(state, ctx, [result.error])], null, outcomeBefore);
      case 'effect':
        return turn(result.state, result.notes ?? [], result.effect, outcomeBefore);
      case 'finish': {
        const next = toMenu(result.state);
        return turn(next, [...result.replies, prompt(next, ctx)], null, outcomeBefore);
      }
    }
  };

  return { stepOf, prompt, toMenu, outcomeOf, turn, apply };
}
