import type { ConversationEngine } from '../../citizen/engine/conversation-engine.ts';
import { STATE_VERSION } from '../../citizen/engine/conversation-state.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { packBytea } from '../../platform/database/packed-bytea.ts';
import { sqlParameters } from '../../platform/database/sql-parameters.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import { countMessage, type FloodWindow } from '../inbox/flood-window.ts';
import type { OutboundItem } from '../outbound/outbound-item.ts';
import type { ChatState, Outcome, PendingEventRow } from './turn-batch-rows.ts';

/**
 * What the turns of one transaction decided, gathered as columns so that one statement writes it
 * all: event outcomes, replies in order, each changed chat's conversation and reporter, and each
 * chat's flood window.
 */
export class TurnBatchWrites {
  private readonly events = {
    ids: [] as string[],
    outcomes: [] as Outcome[],
    details: [] as (string | null)[],
    reporters: [] as (string | null)[],
    reports: [] as (string | null)[],
  };
  private readonly outbound = {
    channels: [] as Channel[],
    reporters: [] as string[],
    purposes: [] as string[],
    reports: [] as (string | null)[],
    payloads: [] as Buffer[],
  };

  /** Each chat's flood window as this batch's messages leave it. */
  private readonly floods = new Map<string, FloodWindow>();

  constructor(private readonly protection: IdentityProtection) {}

  /** Counts an event in its chat's flood window: the chat's messages in the minute up to it. */
  countMessage(event: PendingEventRow): { recent: number } {
    const counted = countMessage(
      this.floods.get(event.chat_key) ?? storedFloodWindow(event),
      event.received_at,
    );
    this.floods.set(event.chat_key, counted.window);
    return { recent: counted.recent };
  }

  finish(
    eventId: string,
    outcome: Outcome,
    detail: string | null,
    links: { reporterId?: string; reportId?: string | null } = {},
  ): void {
    this.events.ids.push(eventId);
    this.events.outcomes.push(outcome);
    this.events.details.push(detail);
    this.events.reporters.push(links.reporterId ?? null);
    this.events.reports.push(links.reportId ?? null);
  }

  /** Messages to the chat's reporter, delivered after the commit in the order given. */
  send(chat: ChatState, items: OutboundItem[]): void {
    for (const item of items) {
      this.outbound.channels.push(chat.channel);
      this.outbound.reporters.push(chat.reporterId);
      this.outbound.purposes.push(item.purpose);
      this.outbound.reports.push(item.reportId ?? null);
      this.outbound.payloads.push(this.protection.cipher.encrypt(JSON.stringify(item.payload)));
    }
  }

  /** Everything in one statement; chats whose conversation moved get their state written once. */
  async write(
    tx: PgClient,
    chats: Iterable<ChatState>,
    context: { engine: ConversationEngine; now: Date },
  ): Promise<void> {
    const changed = [...chats].filter((chat) => chat.changed);
    const reporters = changed.filter(reporterMustBeWritten);
    const states = changed.map((chat) => {
      if (!('state' in chat.stored)) throw new Error('a changed chat has no state');
      return chat.stored.state;
    });
    const { events, outbound } = this;
    const floods = [...this.floods];
    const stateEncs = packBytea(states.map((state) => this.protection.cipher.encrypt(JSON.stringify(state))));
    const payloads = packBytea(outbound.payloads);
    const p = sqlParameters();
    const now = p.bind(context.now, 'timestamptz');
    const conversation = {
      reporterId: p.bind(
        changed.map((chat) => chat.reporterId),
        'uuid[]',
      ),
      flow: p.bind(
        states.map((state) => context.engine.flowOf(state)),
        'text[]',
      ),
      step: p.bind(
        states.map((state) => state.step),
        'text[]',
      ),
      version: p.bind(STATE_VERSION, 'int'),
      states: p.bind(stateEncs.data, 'bytea'),
      stateStart: p.bind(stateEncs.starts, 'int[]'),
      stateLength: p.bind(stateEncs.lengths, 'int[]'),
      expiresAt: p.bind(
        changed.map((chat) => chat.expiresAt),
        'timestamptz[]',
      ),
    };
    const reporter = {
      id: p.bind(
        reporters.map((chat) => chat.reporterId),
        'uuid[]',
      ),
      language: p.bind(
        reporters.map((chat) => chat.language),
        'text[]',
      ),
      chosen: p.bind(
        reporters.map((chat) => chat.languageChosen),
        'boolean[]',
      ),
      at: p.bind(
        reporters.map((chat) => chat.lastInteractionAt),
        'timestamptz[]',
      ),
    };
    const message = {
      channel: p.bind(outbound.channels, 'text[]'),
      reporterId: p.bind(outbound.reporters, 'uuid[]'),
      purpose: p.bind(outbound.purposes, 'text[]'),
      reportId: p.bind(outbound.reports, 'uuid[]'),
      payloads: p.bind(payloads.data, 'bytea'),
      payloadStart: p.bind(payloads.starts, 'int[]'),
      payloadLength: p.bind(payloads.lengths, 'int[]'),
    };
    const flood = {
      chatKey: p.bind(
        floods.map(([chatKey]) => chatKey),
        'text[]',
      ),
      start: p.bind(
        floods.map(([, window]) => window.start),
        'timestamptz[]',
      ),
      count: p.bind(
        floods.map(([, window]) => window.count),
        'int[]',
      ),
      previous: p.bind(
        floods.map(([, window]) => window.previous),
        'int[]',
      ),
    };
    const event = {
      id: p.bind(events.ids, 'bigint[]'),
      outcome: p.bind(events.outcomes, 'text[]'),
      detail: p.bind(events.details, 'text[]'),
      reporterId: p.bind(events.reporters, 'uuid[]'),
      reportId: p.bind(events.reports, 'uuid[]'),
    };
    const written = await tx.query({
      name: 'turn-write',
      text: `WITH conversation_rows AS (
         INSERT INTO conversation (reporter_id, flow, step, state_version, state_enc, updated_at, expires_at)
         SELECT reporter_id, flow, step, ${conversation.version},
                substring(${conversation.states} FROM state_start FOR state_length), ${now}, expires_at
         FROM unnest(${conversation.reporterId}, ${conversation.flow}, ${conversation.step},
                     ${conversation.stateStart}, ${conversation.stateLength}, ${conversation.expiresAt})
           AS t(reporter_id, flow, step, state_start, state_length, expires_at)
         ON CONFLICT (reporter_id) DO UPDATE SET flow = EXCLUDED.flow, step = EXCLUDED.step,
           state_version = EXCLUDED.state_version, state_enc = EXCLUDED.state_enc,
           updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at
       ), reporter_rows AS (
         UPDATE reporter r SET language = t.language, language_chosen = t.chosen, last_interaction_at = t.at
         FROM unnest(${reporter.id}, ${reporter.language}, ${reporter.chosen}, ${reporter.at})
           AS t(id, language, chosen, at)
         WHERE r.id = t.id
       ), outbound_rows AS (
         INSERT INTO outbound_message (channel, reporter_id, purpose, report_id, payload_enc)
         SELECT channel::"Channel", reporter_id, purpose, report_id,
                substring(${message.payloads} FROM payload_start FOR payload_length)
         FROM unnest(${message.channel}, ${message.reporterId}, ${message.purpose}, ${message.reportId},
                     ${message.payloadStart}, ${message.payloadLength})
           WITH ORDINALITY AS t(channel, reporter_id, purpose, report_id, payload_start, payload_length, n)
         ORDER BY n
       ), flood_rows AS (
         INSERT INTO chat_flood (chat_key, window_start, count, previous)
         SELECT * FROM unnest(${flood.chatKey}, ${flood.start}, ${flood.count}, ${flood.previous})
         ON CONFLICT (chat_key) DO UPDATE SET window_start = EXCLUDED.window_start,
           count = EXCLUDED.count, previous = EXCLUDED.previous
       )
       UPDATE inbound_event e SET outcome = t.outcome::"InboundOutcome", outcome_detail = t.detail,
         processed_at = ${now}, reporter_id = t.reporter_id, report_id = t.report_id
       FROM unnest(${event.id}, ${event.outcome}, ${event.detail}, ${event.reporterId}, ${event.reportId})
         AS t(id, outcome, detail, reporter_id, report_id)
       WHERE e.id = t.id AND e.outcome = 'pending'`,
      values: p.values,
    });
    // The chats' locks keep their pending events for this transaction: anything else is a bug.
    if (written.rowCount !== events.ids.length)
      throw new Error('an event of the batch was no longer pending');
  }
}

/** The chat's flood window as the transaction read it (null: none yet). */
function storedFloodWindow(event: PendingEventRow): FloodWindow | null {
  if (event.flood_start === null) return null;
  return { start: event.flood_start, count: event.flood_count ?? 0, previous: event.flood_previous ?? 0 };
}

/**
 * How stale a reporter's last interaction may be before it is written again. It only decides
 * platform reply windows (days), so writing the reporter row at every turn (a tenth of all rows a
 * report writes) bought nothing.
 */
const lastInteractionResolutionMs = 60_000;

function reporterMustBeWritten(chat: ChatState): boolean {
  const stored = chat.storedReporter;
  return (
    chat.language !== stored.language ||
    chat.languageChosen !== stored.languageChosen ||
    chat.lastInteractionAt.getTime() - stored.lastInteractionAt.getTime() >= lastInteractionResolutionMs
  );
}
