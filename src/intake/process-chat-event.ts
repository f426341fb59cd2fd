import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChannelAdapter } from '../channels/channel-adapter.ts';
import { inTransaction, type PgClient, type PgPool } from '../database/create-pg-pool.ts';
import type { Channel } from '../engine/channel.ts';
import type { ConversationEngine } from '../engine/conversation-engine.ts';
import { STATE_VERSION } from '../engine/conversation-state.ts';
import { mergeReplies } from '../engine/merge-replies.ts';
import type { Reply } from '../engine/reply.ts';
import type { IdentityProtection } from '../identity/identity-protection.ts';
import {
  enqueueOutbound,
  insertOutboundSql,
  type OutboundItem,
  outboundColumns,
} from '../outbound/enqueue-outbound.ts';
import { renderReply } from '../outbound/render-reply.ts';
import { executeEffect } from './execute-effect.ts';
import type { LookupLimits } from './find-report-by-code.ts';

export interface IntakeSettings {
  register: string;
  conversationTimeoutMinutes: number;
  throttleMessagesPerMinute: number;
  lookupLimits: LookupLimits;
}

export interface IntakeDependencies {
  pool: PgPool;
  protection: IdentityProtection;
  adapters: ReadonlyMap<Channel, ChannelAdapter>;
  engine: ConversationEngine;
  settings: IntakeSettings;
  logger: Logger;
  clock: () => Date;
}

type Outcome =
  | 'report_step'
  | 'report_submitted'
  | 'status_query'
  | 'follow_up'
  | 'other'
  | 'throttled'
  | 'quarantined';

/** Effects per turn at most: a step answers an effect with replies, never with another chain. */
const maxEffectsPerTurn = 3;

interface PendingEvent {
  id: string;
  channel: Channel;
  payload_enc: Buffer;
  /** Events of the chat in the minute before this one arrived, itself included. */
  recent: number;
  /**
   * When the platform handed it over: the citizen's last interaction, for reply windows (a chat's
   * events are processed in order, so it only moves forward).
   */
  received_at: Date;
  /** The chat's reporter and conversation, when it has written before (chat key = identity hash). */
  reporter_id: string | null;
  language: string | null;
  language_chosen: boolean | null;
  state_enc: Buffer | null;
  expires_at: Date | null;
}

interface ReporterRow {
  id: string;
  language: string;
  language_chosen: boolean;
  state_enc: Buffer | null;
  expires_at: Date | null;
}

/**
 * Processes the oldest pending event of one chat in one transaction: the conversation turn, its
 * effects (a submitted report, a status look-up), the replies to send, and the event's outcome
 * all commit together or not at all. A per-chat advisory lock makes a second message wait for
 * the first, in every process. Returns false when the chat has nothing pending.
 *
 * This is the hottest path of the system, so it is plain SQL with few round trips: BEGIN with the
 * chat's lock, one read of the event with its reporter and conversation, one statement writing
 * the turn, COMMIT.
 */
export async function processChatEvent(deps: IntakeDependencies, chatKey: string): Promise<boolean> {
  return inTransaction(deps.pool, { lockKey: chatKey }, async (tx) => {
    const { rows } = await tx.query<PendingEvent>({
      name: 'turn-event',
      text: `SELECT e.id::text, e.channel::text, e.payload_enc, e.received_at,
              (SELECT count(*)::int FROM inbound_event r
               WHERE r.chat_key = $1 AND r.id <= e.id AND r.received_at > e.received_at - interval '1 minute') AS recent,
              p.id AS reporter_id, p.language, p.language_chosen, c.state_enc, c.expires_at
       FROM inbound_event e
       LEFT JOIN reporter p ON p.channel = e.channel AND p.identity_hash = e.chat_key
       LEFT JOIN conversation c ON c.reporter_id = p.id
       WHERE e.chat_key = $1 AND e.outcome = 'pending' ORDER BY e.id LIMIT 1`,
      values: [chatKey],
    });
    const event = rows[0];
    if (!event) return false;
    await handleEvent(deps, tx, event);
    return true;
  });
}

async function handleEvent(deps: IntakeDependencies, tx: PgClient, event: PendingEvent): Promise<void> {
  const { protection, engine, settings } = deps;
  const now = deps.clock();
  const finish = async (outcome: Outcome, detail: string | null, reporterId: string | null = null) => {
    await tx.query(
      `UPDATE inbound_event SET outcome = $2::"InboundOutcome", outcome_detail = $3, processed_at = $4,
         reporter_id = $5 WHERE id = $1`,
      [event.id, outcome, detail, now, reporterId],
    );
  };

  const adapter = deps.adapters.get(event.channel);
  if (!adapter) return finish('quarantined', `no adapter for channel ${event.channel}`);
  let parsed: ReturnType<ChannelAdapter['parse']>;
  try {
    const raw = Buffer.from(protection.cipher.decrypt(event.payload_enc), 'base64').toString('utf8');
    parsed = adapter.parse(JSON.parse(raw));
  } catch (error) {
    deps.logger.warn({ eventId: event.id, err: errorName(error) }, 'inbound payload quarantined');
    return finish('quarantined', `unparseable: ${errorName(error)}`);
  }
  if (!parsed) return finish('other', 'nothing for the conversation');

  // The event's read already brought the reporter (chat key = identity hash) unless this is the
  // chat's first message.
  const reporter: ReporterRow =
    event.reporter_id !== null
      ? {
          id: event.reporter_id,
          language: event.language ?? 'vi',
          language_chosen: event.language_chosen ?? false,
          state_enc: event.state_enc,
          expires_at: event.expires_at,
        }
      : await findOrCreateReporter(tx, protection, event.channel, parsed.chatId, parsed.languageHint);
  const outbound: OutboundItem[] = [];
  if (parsed.callbackQueryId) {
    // A pressed button shows a spinner until answered: answer it first, whatever else happens.
    outbound.push({
      purpose: 'callback_answer',
      payload: { type: 'answer_callback', callbackQueryId: parsed.callbackQueryId },
    });
  }
  const target = { channel: event.channel, reporterId: reporter.id };
  const knownLanguage = reporter.language_chosen ? asLanguage(reporter.language) : undefined;

  if (event.recent > settings.throttleMessagesPerMinute) {
    const { rows } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbound_message
       WHERE reporter_id = $1 AND purpose = 'throttle_notice' AND created_at > $2`,
      [reporter.id, minutesBefore(now, 1)],
    );
    if ((rows[0]?.n ?? 0) === 0) {
      const notice = renderReply({ text: [{ key: 'errors.throttled' }] }, knownLanguage ?? 'vi');
      outbound.push({ purpose: 'throttle_notice', payload: { type: 'reply', reply: notice } });
    }
    await enqueueOutbound(tx, protection.cipher, target, outbound);
    return finish('throttled', `over ${settings.throttleMessagesPerMinute} messages a minute`, reporter.id);
  }

  const { state, notice } = engine.resume(readStoredState(protection, reporter.state_enc), {
    languageHint: parsed.languageHint,
    knownLanguage,
    expired: reporter.expires_at !== null && reporter.expires_at < now,
  });
  if (!parsed.message) return finish('other', 'nothing for the conversation', reporter.id);
  const ctx = { now, capabilities: adapter.capabilities };
  const replies: Reply[] = [];
  let outcome: Outcome = 'other';
  let reportId: string | null = null;
  let current = state;
  // Usually one message; a platform event can carry several (the images of one Zalo message).
  for (const [index, message] of [parsed.message, ...(parsed.alsoMessages ?? [])].entries()) {
    let turn = engine.handleInbound(current, message, ctx, index === 0 ? notice : undefined);
    replies.push(...turn.replies);
    if (outcome !== 'report_submitted') outcome = turn.outcome;
    for (let i = 0; turn.effect && i < maxEffectsPerTurn; i++) {
      const result = await executeEffect(turn.effect, {
        tx,
        protection,
        channel: event.channel,
        reporterId: reporter.id,
        register: settings.register,
        lookupLimits: settings.lookupLimits,
        now,
      });
      if (result.kind === 'report_submitted') {
        outcome = 'report_submitted';
        reportId = result.reportId;
      }
      turn = engine.handleEffectResult(turn.state, result, ctx);
      replies.push(...turn.replies);
    }
    current = turn.state;
  }

  const final = current;
  for (const reply of mergeReplies(replies)) {
    outbound.push({
      purpose: reply.receiptFor ? 'receipt' : 'reply',
      ...(reply.receiptFor ? { reportId: reply.receiptFor } : {}),
      payload: { type: 'reply', reply: renderReply(reply, final.language) },
    });
  }
  const columns = outboundColumns(protection.cipher, outbound);
  // The whole turn in one statement: conversation, reporter, replies and the event's outcome.
  await tx.query({
    name: 'turn-write',
    text: `WITH conversation AS (
       INSERT INTO conversation (reporter_id, flow, step, state_version, state_enc, updated_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (reporter_id) DO UPDATE SET flow = EXCLUDED.flow, step = EXCLUDED.step,
         state_version = EXCLUDED.state_version, state_enc = EXCLUDED.state_enc,
         updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at
     ), reporter AS (
       UPDATE reporter SET language = $8, language_chosen = $9,
         last_interaction_at = $17 WHERE id = $1
     ), outbound AS (
       ${insertOutboundSql(10, 1, 11)}
     )
     UPDATE inbound_event SET outcome = $14::"InboundOutcome", outcome_detail = NULL, processed_at = $6,
       reporter_id = $1, report_id = $15::uuid
     WHERE id = $16`,
    values: [
      reporter.id,
      engine.flowOf(final),
      final.step,
      STATE_VERSION,
      protection.cipher.encrypt(JSON.stringify(final)),
      now,
      new Date(now.getTime() + settings.conversationTimeoutMinutes * 60_000),
      final.language,
      final.languageChosen,
      event.channel,
      columns.purposes,
      columns.reportIds,
      columns.payloads,
      outcome,
      reportId,
      event.id,
      event.received_at,
    ],
  });
}

/**
 * The reporter of a chat with their conversation, created on their first message. Called when the
 * turn's read found none under the chat key; the reporter may still exist under the parsed chat.
 */
async function findOrCreateReporter(
  tx: PgClient,
  protection: IdentityProtection,
  channel: Channel,
  chatId: string,
  languageHint: string | undefined,
): Promise<ReporterRow> {
  const identityHash = protection.hasher.hash(channel, chatId);
  const created = await tx.query<ReporterRow>({
    name: 'reporter-create',
    text: `INSERT INTO reporter (id, channel, identity_hash, chat_id_enc, language)
           VALUES ($1, $2::"Channel", $3, $4, $5) ON CONFLICT (channel, identity_hash) DO NOTHING
           RETURNING id, language, language_chosen, NULL::bytea AS state_enc, NULL::timestamptz AS expires_at`,
    values: [
      randomUUID(),
      channel,
      identityHash,
      protection.cipher.encrypt(chatId),
      languageHint?.toLowerCase().startsWith('en') ? 'en' : 'vi',
    ],
  });
  if (created.rows[0]) return created.rows[0];
  const existing = await tx.query<ReporterRow>(
    `SELECT r.id, r.language, r.language_chosen, c.state_enc, c.expires_at
     FROM reporter r LEFT JOIN conversation c ON c.reporter_id = r.id
     WHERE r.channel = $1::"Channel" AND r.identity_hash = $2`,
    [channel, identityHash],
  );
  if (!existing.rows[0]) throw new Error('reporter could not be created');
  return existing.rows[0];
}

/** A stored state that cannot be decrypted or parsed is treated as missing (restart politely). */
function readStoredState(protection: IdentityProtection, stateEnc: Buffer | null): unknown {
  if (!stateEnc) return null;
  try {
    return JSON.parse(protection.cipher.decrypt(stateEnc));
  } catch {
    return { unreadable: true };
  }
}

function minutesBefore(now: Date, minutes: number): Date {
  return new Date(now.getTime() - minutes * 60_000);
}

function asLanguage(value: string): 'vi' | 'en' {
  return value === 'en' ? 'en' : 'vi';
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
