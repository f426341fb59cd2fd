import type { Logger } from 'pino';
import type { ChannelAdapter } from '../channels/channel-adapter.ts';
import type { Database, Transaction } from '../database/create-database-client.ts';
import type { Channel } from '../engine/channel.ts';
import type { ConversationEngine } from '../engine/conversation-engine.ts';
import { STATE_VERSION } from '../engine/conversation-state.ts';
import { mergeReplies } from '../engine/merge-replies.ts';
import type { IdentityProtection } from '../identity/identity-protection.ts';
import { enqueueOutbound, type OutboundItem } from '../outbound/enqueue-outbound.ts';
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
  db: Database;
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

/**
 * Processes the oldest pending event of one chat in one transaction: the conversation turn, its
 * effects (a submitted report, a status look-up), the replies to send, and the event's outcome
 * all commit together or not at all. A per-chat advisory lock makes a second message wait for
 * the first, in every process. Returns false when the chat has nothing pending.
 */
export async function processChatEvent(deps: IntakeDependencies, chatKey: string): Promise<boolean> {
  return deps.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${chatKey}, 0))`;
      const event = await tx.inboundEvent.findFirst({
        where: { chatKey, outcome: 'pending' },
        orderBy: { id: 'asc' },
        select: { id: true, channel: true, payloadEnc: true, receivedAt: true },
      });
      if (!event) return false;
      await handleEvent(deps, tx, event, chatKey);
      return true;
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}

async function handleEvent(
  deps: IntakeDependencies,
  tx: Transaction,
  event: { id: bigint; channel: Channel; payloadEnc: Uint8Array; receivedAt: Date },
  chatKey: string,
): Promise<void> {
  const { protection, engine, settings } = deps;
  const now = deps.clock();
  const finish = (
    outcome: Outcome,
    detail: string | null,
    ids: { reporterId?: string; reportId?: string | null } = {},
  ) =>
    tx.inboundEvent.update({
      where: { id: event.id },
      data: {
        outcome,
        outcomeDetail: detail,
        processedAt: now,
        reporterId: ids.reporterId ?? null,
        reportId: ids.reportId ?? null,
      },
    });

  const adapter = deps.adapters.get(event.channel);
  if (!adapter) return void (await finish('quarantined', `no adapter for channel ${event.channel}`));
  let parsed: ReturnType<ChannelAdapter['parse']>;
  try {
    const raw = Buffer.from(protection.cipher.decrypt(Buffer.from(event.payloadEnc)), 'base64').toString(
      'utf8',
    );
    parsed = adapter.parse(JSON.parse(raw));
  } catch (error) {
    deps.logger.warn({ eventId: String(event.id), err: errorName(error) }, 'inbound payload quarantined');
    return void (await finish('quarantined', `unparseable: ${errorName(error)}`));
  }
  if (!parsed) return void (await finish('other', 'nothing for the conversation'));

  const reporter = await findOrCreateReporter(
    tx,
    protection,
    event.channel,
    parsed.chatId,
    parsed.languageHint,
  );
  const outbound: OutboundItem[] = [];
  if (parsed.callbackQueryId) {
    // A pressed button shows a spinner until answered: answer it first, whatever else happens.
    outbound.push({
      purpose: 'callback_answer',
      payload: { type: 'answer_callback', callbackQueryId: parsed.callbackQueryId },
    });
  }
  const target = { channel: event.channel, reporterId: reporter.id };

  if (await isFlooding(tx, chatKey, event, settings)) {
    const noticed = await tx.outboundMessage.count({
      where: {
        reporterId: reporter.id,
        purpose: 'throttle_notice',
        createdAt: { gt: minutesBefore(now, 1) },
      },
    });
    if (noticed === 0) {
      const notice = renderReply(
        { text: [{ key: 'errors.throttled' }] },
        reporter.languageChosen ? asLanguage(reporter.language) : 'vi',
      );
      outbound.push({ purpose: 'throttle_notice', payload: { type: 'reply', reply: notice } });
    }
    await enqueueOutbound(tx, protection.cipher, target, outbound);
    return void (await finish('throttled', `over ${settings.throttleMessagesPerMinute} messages a minute`, {
      reporterId: reporter.id,
    }));
  }

  const conversation = await tx.conversation.findUnique({ where: { reporterId: reporter.id } });
  const { state, notice } = engine.resume(readStoredState(protection, conversation?.stateEnc), {
    languageHint: parsed.languageHint,
    knownLanguage: reporter.languageChosen ? asLanguage(reporter.language) : undefined,
    expired: conversation !== null && conversation.expiresAt < now,
  });
  const ctx = { now, capabilities: adapter.capabilities };
  if (!parsed.message)
    return void (await finish('other', 'nothing for the conversation', { reporterId: reporter.id }));
  let turn = engine.handleInbound(state, parsed.message, ctx, notice);
  const replies = [...turn.replies];
  let outcome: Outcome = turn.outcome;
  let reportId: string | null = null;
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

  const final = turn.state;
  const stateEnc = new Uint8Array(protection.cipher.encrypt(JSON.stringify(final)));
  const expiresAt = new Date(now.getTime() + settings.conversationTimeoutMinutes * 60_000);
  const flow = engine.flowOf(final);
  await tx.conversation.upsert({
    where: { reporterId: reporter.id },
    create: {
      reporterId: reporter.id,
      flow,
      step: final.step,
      stateVersion: STATE_VERSION,
      stateEnc,
      expiresAt,
    },
    update: { flow, step: final.step, stateVersion: STATE_VERSION, stateEnc, expiresAt },
  });
  await tx.reporter.update({
    where: { id: reporter.id },
    data: { language: final.language, languageChosen: final.languageChosen, lastInteractionAt: now },
  });
  for (const reply of mergeReplies(replies)) {
    outbound.push({
      purpose: reply.receiptFor ? 'receipt' : 'reply',
      ...(reply.receiptFor ? { reportId: reply.receiptFor } : {}),
      payload: { type: 'reply', reply: renderReply(reply, final.language) },
    });
  }
  await enqueueOutbound(tx, protection.cipher, target, outbound);
  await finish(outcome, null, { reporterId: reporter.id, reportId });
}

async function findOrCreateReporter(
  tx: Transaction,
  protection: IdentityProtection,
  channel: Channel,
  chatId: string,
  languageHint: string | undefined,
) {
  const identityHash = protection.hasher.hash(channel, chatId);
  const existing = await tx.reporter.findUnique({
    where: { channel_identityHash: { channel, identityHash } },
  });
  if (existing) return existing;
  return tx.reporter.create({
    data: {
      channel,
      identityHash,
      chatIdEnc: new Uint8Array(protection.cipher.encrypt(chatId)),
      language: languageHint?.toLowerCase().startsWith('en') ? 'en' : 'vi',
    },
  });
}

/**
 * Whether this event was one too many when it arrived: more events from the chat in the minute
 * before it (itself included) than a person types. Judged at arrival, not at processing, so a
 * backlog never throttles messages that came at a human pace.
 */
async function isFlooding(
  tx: Transaction,
  chatKey: string,
  event: { id: bigint; receivedAt: Date },
  settings: IntakeSettings,
): Promise<boolean> {
  const recent = await tx.inboundEvent.count({
    where: { chatKey, id: { lte: event.id }, receivedAt: { gt: minutesBefore(event.receivedAt, 1) } },
  });
  return recent > settings.throttleMessagesPerMinute;
}

/** A stored state that cannot be decrypted or parsed is treated as missing (restart politely). */
function readStoredState(protection: IdentityProtection, stateEnc: Uint8Array | undefined): unknown {
  if (!stateEnc) return null;
  try {
    return JSON.parse(protection.cipher.decrypt(Buffer.from(stateEnc)));
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
