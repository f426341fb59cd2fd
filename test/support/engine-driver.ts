import { expect } from 'vitest';
import {
  type ConversationEngine,
  createConversationEngine,
  type ResumeOptions,
} from '../../src/citizen/engine/conversation-engine.ts';
import { type ConversationState, initialState } from '../../src/citizen/engine/conversation-state.ts';
import type { Effect, EffectResult } from '../../src/citizen/engine/effect.ts';
import type {
  ChannelCapabilities,
  InboundAttachment,
  InboundMessage,
} from '../../src/citizen/engine/inbound-message.ts';
import type { Reply } from '../../src/citizen/engine/reply.ts';
import type { StepContext } from '../../src/citizen/engine/step.ts';
import type { EngineTurn } from '../../src/citizen/engine/turn-kit.ts';
import { buildStepRegistry } from '../../src/citizen/flows/step-registry.ts';
import { translate } from '../../src/platform/text/translate.ts';
import type { Language } from '../../src/platform/vocabulary/language.ts';
import type { LocalText } from '../../src/platform/vocabulary/local-text.ts';

/** What a Telegram chat can show: buttons, location and contact requests, files. */
export const telegramCapabilities: ChannelCapabilities = {
  buttons: true,
  locationRequest: true,
  contactRequest: true,
  attachments: true,
};

/** A channel with nothing but text (the numbered-list fallback). */
export const textOnlyCapabilities: ChannelCapabilities = {
  buttons: false,
  locationRequest: false,
  contactRequest: false,
  attachments: false,
};

/** A reply as the citizen reads it, with its untranslated form beside it for key assertions. */
export interface ShownReply {
  text: string;
  buttons: string[];
  choiceIds: string[];
  stepName: string | undefined;
  request: 'location' | 'contact' | undefined;
  receiptFor: string | undefined;
  standalone: boolean;
  keys: string[];
  raw: Reply;
}

/** Everything one inbound message produced, effects answered included. */
export interface Exchange {
  replies: ShownReply[];
  /** Effects asked for during the exchange, in order (scripted results were fed back). */
  effects: Effect[];
  /** The effect still waiting for a result when no scripted one was queued. */
  pending: Effect | null;
  outcome: EngineTurn['outcome'];
  /** All reply texts joined, for `toContain` checks. */
  text: string;
}

export interface DriverOptions {
  language?: Language;
  /** Whether the language question was already answered; default true (the driver starts at the menu). */
  languageChosen?: boolean;
  capabilities?: ChannelCapabilities;
  now?: Date;
}

/** The language the driver renders texts in; it follows the state, as the intake does. */
export function show(reply: Reply, language: Language): ShownReply {
  const choices = reply.choices ?? [];
  return {
    text: reply.text.map((line) => translate(language, line)).join('\n'),
    buttons: choices.map((c) => ('literal' in c.label ? c.label.literal : translate(language, c.label))),
    choiceIds: choices.map((c) => c.id),
    stepName: reply.stepName,
    request: reply.request,
    receiptFor: reply.receiptFor,
    standalone: reply.standalone === true,
    keys: reply.text.map((line: LocalText) => line.key),
    raw: reply,
  };
}

let fileCounter = 0;

/** A photo as an adapter presents it; each call gets a new platform file id. */
export function photo(overrides: Partial<InboundAttachment> = {}): InboundAttachment {
  fileCounter += 1;
  return { kind: 'photo', platformFileId: `photo-${fileCounter}`, mimeType: 'image/jpeg', ...overrides };
}

export function sticker(): InboundAttachment {
  fileCounter += 1;
  return { kind: 'sticker', platformFileId: `sticker-${fileCounter}` };
}

/**
 * Drives the pure conversation engine as the intake would: holds the state, sends messages,
 * renders the replies with `translate`, and answers effects with scripted results.
 */
export class EngineDriver {
  readonly engine: ConversationEngine;
  state: ConversationState;
  ctx: StepContext;
  /** Every effect asked for so far. */
  readonly effects: Effect[] = [];
  /** The effect of the last exchange that got no scripted result. */
  pending: Effect | null = null;
  last: Exchange | null = null;
  private readonly scripted: EffectResult[] = [];

  constructor(options: DriverOptions = {}) {
    this.engine = createConversationEngine(buildStepRegistry());
    this.state = { ...initialState(options.language ?? 'vi', options.languageChosen ?? true) };
    this.ctx = {
      now: options.now ?? new Date('2025-11-20T03:00:00Z'),
      capabilities: options.capabilities ?? telegramCapabilities,
    };
  }

  /** Queues results for the next effects, in order. */
  willAnswer(...results: EffectResult[]): this {
    this.scripted.push(...results);
    return this;
  }

  send(message: InboundMessage, notice: LocalText | null = null): Exchange {
    const turn = this.engine.handleInbound(this.state, message, this.ctx, notice);
    return this.finish(turn);
  }

  /** Feeds a result for the pending effect by hand. */
  answer(result: EffectResult): Exchange {
    if (!this.pending) throw new Error('no effect is waiting for a result');
    this.pending = null;
    return this.finish(this.engine.handleEffectResult(this.state, result, this.ctx));
  }

  text(text: string): Exchange {
    return this.send({ kind: 'text', text });
  }

  /** Presses a button of the current step by its id. */
  choose(choiceId: string): Exchange {
    return this.send({ kind: 'choice', stepName: this.state.step, choiceId });
  }

  /** Presses the button of the last question whose shown label contains `label`. */
  press(label: string): Exchange {
    const question = this.question();
    const index = question.buttons.findIndex((b) => b.includes(label));
    const id = question.choiceIds[index];
    if (id === undefined || !question.stepName) {
      throw new Error(`no button "${label}" in [${question.buttons.join(' | ')}]`);
    }
    return this.send({ kind: 'choice', stepName: question.stepName, choiceId: id });
  }

  command(command: string, payload?: string): Exchange {
    return this.send(
      payload === undefined ? { kind: 'command', command } : { kind: 'command', command, payload },
    );
  }

  location(latitude: number, longitude: number): Exchange {
    return this.send({ kind: 'location', latitude, longitude });
  }

  contact(phone: string, isOwn = true): Exchange {
    return this.send({ kind: 'contact', phone, isOwn });
  }

  attach(attachment: InboundAttachment, extra: { caption?: string; groupId?: string } = {}): Exchange {
    return this.send({ kind: 'attachment', attachment, ...extra });
  }

  /** The last reply of the last exchange that carries buttons: the question now asked. */
  /**
   * Sends a wrong answer and checks the engine refused it: one reply with the error `errorKey`
   * followed by the same question (text, buttons, step), no effect, and the state unchanged.
   */
  expectRefused(message: InboundMessage, errorKey: string): void {
    const question = this.question();
    const before = structuredClone(this.state);
    const exchange = this.send(message);
    expect(exchange.replies).toHaveLength(1);
    const [reply] = exchange.replies;
    expect(reply?.keys[0]).toBe(errorKey);
    expect(reply?.keys.slice(1)).toEqual(question.keys);
    expect(reply?.text.endsWith(`\n${question.text}`)).toBe(true);
    expect(reply?.buttons).toEqual(question.buttons);
    expect(reply?.stepName).toBe(before.step);
    expect(exchange.effects).toEqual([]);
    expect(this.state).toEqual(before);
  }

  question(): ShownReply {
    const withChoices = this.last?.replies.filter((r) => r.buttons.length > 0 || r.request) ?? [];
    const question = withChoices.at(-1) ?? this.last?.replies.at(-1);
    if (!question) throw new Error('nothing was asked yet');
    return question;
  }

  /** Replaces the state, as a resumed conversation would. */
  resume(stored: unknown, options: ResumeOptions): LocalText | null {
    const { state, notice } = this.engine.resume(stored, options);
    this.state = state;
    return notice;
  }

  private finish(first: EngineTurn): Exchange {
    const effects: Effect[] = [];
    const replies: Reply[] = [...first.replies];
    let turn = first;
    this.pending = null;
    while (turn.effect) {
      effects.push(turn.effect);
      this.effects.push(turn.effect);
      const result = this.scripted.shift();
      if (!result) {
        this.pending = turn.effect;
        break;
      }
      turn = this.engine.handleEffectResult(turn.state, result, this.ctx);
      replies.push(...turn.replies);
    }
    this.state = turn.state;
    const shown = replies.map((r) => show(r, this.state.language));
    this.last = {
      replies: shown,
      effects,
      pending: this.pending,
      outcome: first.outcome,
      text: shown.map((r) => r.text).join('\n'),
    };
    return this.last;
  }
}

/** A driver already at the first question of a crime tip. */
export function atCrimeTip(options: DriverOptions = {}): EngineDriver {
  const driver = new EngineDriver(options);
  driver.command('start', 'tip');
  return driver;
}

/** A driver already at the danger question of a trafficking report. */
export function atTrafficking(options: DriverOptions = {}): EngineDriver {
  const driver = new EngineDriver(options);
  driver.command('start', 'trafficking');
  return driver;
}
