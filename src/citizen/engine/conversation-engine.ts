import type { Language } from '../../platform/vocabulary/language.ts';
import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import { addAttachment } from './add-attachment.ts';
import { type ConversationState, initialState, readState } from './conversation-state.ts';
import type { Effect, EffectResult } from './effect.ts';
import { type GlobalIntent, globalIntent, navChoices } from './global-intent.ts';
import type { InboundMessage } from './inbound-message.ts';
import { type FlowName, reportFlows, type StepContext } from './step.ts';
import { createTurnKit, type EngineTurn, type StepRegistry } from './turn-kit.ts';

export interface ResumeOptions {
  languageHint?: string | undefined;
  /** The reporter's stored language choice, if any. */
  knownLanguage?: Language | undefined;
  expired: boolean;
}

/**
 * The channel-neutral conversation engine: given the stored state and one inbound message it
 * returns the new state, the replies and at most one effect. Pure and synchronous; the intake
 * runs effects in its transaction and feeds their results back.
 */
export function createConversationEngine(registry: StepRegistry) {
  const { stepOf, prompt, toMenu, outcomeOf, turn, apply } = createTurnKit(registry);

  const runIntent = (intent: GlobalIntent, state: ConversationState, ctx: StepContext): EngineTurn => {
    const flow = stepOf(state.step).flow;
    switch (intent) {
      case 'help':
        return turn(state, [registry.helpCard, prompt(state, ctx)]);
      case 'back': {
        const previous = state.history.at(-1);
        if (previous === undefined) return runIntent('cancel', state, ctx);
        const next = { ...state, step: previous, history: state.history.slice(0, -1) };
        return turn(next, [prompt(next, ctx)], null, outcomeOf(state));
      }
      case 'cancel':
      case 'menu': {
        const next = toMenu(state);
        const note: LocalText[] = reportFlows.has(flow) ? [{ key: 'conversation.cancelled' }] : [];
        return turn(next, [prompt(next, ctx, note)], null, outcomeOf(state));
      }
    }
  };

  /** On channels without buttons the Back and Cancel entries are numbered too: "10" may mean Back. */
  const typedNavigation = (text: string, state: ConversationState, ctx: StepContext): GlobalIntent | null => {
    if (!/^\d{1,2}$/.test(text.trim())) return null;
    const choice = prompt(state, ctx).choices?.[Number(text.trim()) - 1];
    return choice ? (navChoices[choice.id as keyof typeof navChoices] ?? null) : null;
  };

  const enterFlow = (state: ConversationState, flow: Exclude<FlowName, 'start'>, ctx: StepContext) => {
    const next = { ...toMenu(state), step: registry.entry(flow), history: [] };
    return turn(next, [prompt(next, ctx)]);
  };

  /** A code given with the request ("/status CODE", "tra cứu CODE") is the status question's answer. */
  const lookUpStatus = (state: ConversationState, code: string, ctx: StepContext): EngineTurn => {
    const asked = { ...toMenu(state), step: registry.entry('status'), history: [] };
    return apply(stepOf(asked.step).handle({ kind: 'text', text: code }, asked, ctx), asked, ctx);
  };

  /** What a text means wherever it is typed: a global word, a numbered Back/Cancel, a status look-up. */
  const textShortcut = (text: string, state: ConversationState, ctx: StepContext): EngineTurn | null => {
    const intent = globalIntent(text) ?? typedNavigation(text, state, ctx);
    if (intent) return runIntent(intent, state, ctx);
    // In a report or a follow-up, "tra cứu …" with digits is part of what the citizen tells.
    const flow = stepOf(state.step).flow;
    const code = flow === 'start' || flow === 'status' ? registry.statusQuery(text) : null;
    return code === null ? null : lookUpStatus(state, code, ctx);
  };

  /**
   * The first message of a chat whose question was never shown: anything that is not an answer
   * to it, a command or a shortcut gets the question alone, not an error about it.
   */
  const greet = (state: ConversationState, message: InboundMessage, ctx: StepContext): EngineTurn => {
    const greeting = turn(state, [prompt(state, ctx)], null, 'other');
    switch (message.kind) {
      case 'command':
        return respond(state, message, ctx);
      case 'choice':
        return message.stepName === state.step ? respond(state, message, ctx) : greeting;
      case 'text': {
        const shortcut = textShortcut(message.text, state, ctx);
        if (shortcut) return shortcut;
        const result = stepOf(state.step).handle(message, state, ctx);
        if (result.kind !== 'invalid') return apply(result, state, ctx);
        return (stepOf(state.step).flow === 'start' && answerQuestion(state, message, ctx)) || greeting;
      }
      case 'attachment': {
        const answered = stepOf(state.step).flow === 'start' ? answerQuestion(state, message, ctx) : null;
        if (answered) return answered;
        return message.groupId === undefined
          ? greeting
          : { ...greeting, state: { ...state, lastMediaGroupId: message.groupId } };
      }
      default:
        return greeting;
    }
  };

  const respond = (state: ConversationState, message: InboundMessage, ctx: StepContext): EngineTurn => {
    const step = stepOf(state.step);
    switch (message.kind) {
      case 'command':
        return runCommand(message, state, ctx);
      case 'amendment': {
        if (reportFlows.has(step.flow)) {
          const draft = { ...state.draft, amendments: [...state.draft.amendments, message.text] };
          return turn({ ...state, draft }, [{ text: [{ key: 'amendment.noted' }] }]);
        }
        // An edit while adding to a report goes to that report, else to the last one sent.
        const amended = state.followUpReportId ?? state.lastReportId;
        if (amended) {
          const effect: Effect = { kind: 'append_follow_up', reportId: amended, text: message.text };
          return turn(state, [{ text: [{ key: 'amendment.added' }] }], effect, 'follow_up');
        }
        return turn(state, [{ text: [{ key: 'amendment.not_applicable' }] }], null, 'other');
      }
      case 'text': {
        const shortcut = textShortcut(message.text, state, ctx);
        if (shortcut) return shortcut;
        break;
      }
      case 'choice': {
        if (message.stepName !== state.step) {
          return turn(state, [prompt(state, ctx, [{ key: 'errors.stale_button' }])]);
        }
        const nav = navChoices[message.choiceId as keyof typeof navChoices];
        if (nav) return runIntent(nav, state, ctx);
        break;
      }
      case 'attachment': {
        if (step.acceptsAttachments) break;
        if (reportFlows.has(step.flow)) return keepAttachment(state, message, ctx);
        // The other photos of an album already answered (the greeting of a new chat).
        if (message.groupId !== undefined && message.groupId === state.lastMediaGroupId)
          return turn(state, []);
        break;
      }
      case 'unsupported':
        return turn(state, [prompt(state, ctx, [{ key: 'errors.unsupported_message' }])]);
      default:
        break;
    }
    const result = step.handle(message, state, ctx);
    if (result.kind === 'invalid' && step.flow === 'start') {
      const answered = answerQuestion(state, message, ctx);
      if (answered) return answered;
    }
    return apply(result, state, ctx);
  };

  /**
   * A text or file at the menu while an officer's question delivered to this chat is open is its
   * answer: the chat moves to adding to that report, where more can follow.
   */
  const answerQuestion = (state: ConversationState, message: InboundMessage, ctx: StepContext) => {
    const question = ctx.openQuestion;
    if (!question || (message.kind !== 'text' && message.kind !== 'attachment')) return null;
    const answering: ConversationState = {
      ...toMenu(state),
      step: registry.answerStep,
      followUpReportId: question.reportId,
      followUpRegisterNumber: question.registerNumber,
    };
    return apply(stepOf(answering.step).handle(message, answering, ctx), answering, ctx);
  };

  const runCommand = (
    message: Extract<InboundMessage, { kind: 'command' }>,
    state: ConversationState,
    ctx: StepContext,
  ): EngineTurn => {
    switch (message.command) {
      case 'start': {
        const deepLinks: Record<string, Exclude<FlowName, 'start'>> = {
          tip: 'crime_tip',
          trafficking: 'trafficking',
          status: 'status',
          followup: 'follow_up',
        };
        const flow = message.payload ? deepLinks[message.payload] : undefined;
        // A deep link names what the citizen came for: go there in the language the platform
        // suggests rather than lose the link behind the language question.
        if (flow) return enterFlow({ ...state, languageChosen: true }, flow, ctx);
        if (message.payload === 'emergency')
          return turn(toMenu(state), [registry.emergencyCard, prompt(toMenu(state), ctx)]);
        const next = state.languageChosen ? toMenu(state) : { ...toMenu(state), step: registry.languageStep };
        return turn(next, [prompt(next, ctx)], null, 'other');
      }
      case 'cancel':
      case 'menu':
      case 'help':
      case 'back':
        return runIntent(message.command, state, ctx);
      case 'language': {
        const next = { ...toMenu(state), step: registry.languageStep };
        return turn(next, [prompt(next, ctx)], null, 'other');
      }
      case 'emergency':
      case 'sos':
        return turn(state, [registry.emergencyCard, prompt(state, ctx)]);
      case 'status':
        return message.payload ? lookUpStatus(state, message.payload, ctx) : enterFlow(state, 'status', ctx);
      default:
        return turn(state, [prompt(state, ctx, [{ key: 'errors.unknown_command' }])]);
    }
  };

  return {
    /** The flow a state is in, as stored beside it for statistics on unfinished reports. */
    flowOf(state: ConversationState): FlowName {
      return stepOf(state.step).flow;
    },

    /**
     * The state to continue from. A missing, unreadable or older-version state restarts politely;
     * an expired one is dropped with a notice so a half-finished draft never lingers unseen.
     */
    resume(stored: unknown, options: ResumeOptions): { state: ConversationState; notice: LocalText | null } {
      const hinted: Language = options.languageHint?.toLowerCase().startsWith('en') ? 'en' : 'vi';
      const language = options.knownLanguage ?? hinted;
      const fresh = { ...initialState(language, options.knownLanguage !== undefined), unprompted: true };
      if (stored === null || stored === undefined) return { state: fresh, notice: null };
      const state = readState(stored);
      if (!state || !registry.step(state.step))
        return { state: fresh, notice: { key: 'conversation.restarted' } };
      if (options.expired && stepOf(state.step).flow !== 'start') {
        return { state: toMenu(state), notice: { key: 'conversation.expired' } };
      }
      return { state, notice: null };
    },

    /** One inbound message. `notice` (from `resume`) is shown before the answer. */
    handleInbound(
      state: ConversationState,
      message: InboundMessage,
      ctx: StepContext,
      notice: LocalText | null = null,
    ) {
      const result = this.dispatch(state, message, ctx);
      if (notice) result.replies.unshift({ text: [notice] });
      return result;
    },

    dispatch(state: ConversationState, message: InboundMessage, ctx: StepContext): EngineTurn {
      if (!state.unprompted) return respond(state, message, ctx);
      const { unprompted: _shown, ...prompted } = state;
      return greet(prompted, message, ctx);
    },

    /** The result of the turn's effect, handled by the step that asked for it. */
    handleEffectResult(state: ConversationState, result: EffectResult, ctx: StepContext): EngineTurn {
      const step = stepOf(state.step);
      if (!step.onResult) return turn(state, [], null);
      return apply(step.onResult(result, state, ctx), state, ctx);
    },
  };

  /** A photo sent before the evidence question is kept in the draft rather than refused. */
  function keepAttachment(
    state: ConversationState,
    message: Extract<InboundMessage, { kind: 'attachment' }>,
    ctx: StepContext,
  ): EngineTurn {
    const outcome = addAttachment(state, message);
    if (outcome.error) return turn(state, [prompt(state, ctx, [outcome.error])]);
    const quiet = message.groupId !== undefined && message.groupId === state.lastMediaGroupId;
    return turn(outcome.state, quiet ? [] : [{ text: [{ key: 'evidence.kept_early' }] }]);
  }
}

export type ConversationEngine = ReturnType<typeof createConversationEngine>;
