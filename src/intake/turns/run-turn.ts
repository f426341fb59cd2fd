import type { ChannelAdapter } from '../../citizen/channels/channel-adapter.ts';
import type { ParsedInbound } from '../../citizen/channels/parsed-inbound.ts';
import { mergeReplies } from '../../citizen/engine/merge-replies.ts';
import type { Reply } from '../../citizen/engine/reply.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import type { OutboundItem } from '../outbound/outbound-item.ts';
import { renderReply } from '../outbound/render-reply.ts';
import { readDeliveredQuestion } from '../register/read-delivered-question.ts';
import type { Submission, SubmittedReport } from '../register/submit-report.ts';
import { executeEffect } from './execute-effect.ts';
import type { IntakeDependencies } from './intake-dependencies.ts';
import type { ChatState, Outcome, PendingEventRow } from './turn-batch-rows.ts';
import type { TurnBatchWrites } from './turn-batch-writes.ts';

/** Effects per turn at most: a step answers an effect with replies, never with another chain. */
const maxEffectsPerTurn = 3;

export interface TurnInput {
  event: PendingEventRow;
  /** The chat's messages in the minute up to this one, itself included (the flood limit). */
  recent: number;
  parsed: ParsedInbound;
  chat: ChatState;
  adapter: ChannelAdapter;
  now: Date;
  tx: PgClient;
  writes: TurnBatchWrites;
  /** Makes a report; the turn waits for it (submissions are made together, see DeferredSubmissions). */
  submit: (submission: Submission) => Promise<SubmittedReport>;
}

/**
 * One conversation turn of a chat: throttling, the engine on the chat's state, the turn's effects
 * and its replies. What it decides goes to `writes` and into `chat` (the state the chat's next
 * event starts from); nothing is written here except by effects.
 */
export async function runTurn(deps: IntakeDependencies, input: TurnInput): Promise<void> {
  const { protection, engine, settings } = deps;
  const { event, parsed, chat, now, writes, tx } = input;
  const outbound: OutboundItem[] = [];
  const knownLanguage = chat.languageChosen ? asLanguage(chat.language) : undefined;

  if (input.recent > settings.throttleMessagesPerMinute) {
    if (!chat.throttleNoticeSent && !(await throttleNoticeSentLately(tx, chat.reporterId, now))) {
      const notice = renderReply({ text: [{ key: 'errors.throttled' }] }, knownLanguage ?? 'vi');
      outbound.push({ purpose: 'throttle_notice', payload: { type: 'reply', reply: notice } });
    }
    chat.throttleNoticeSent = true;
    writes.send(chat, outbound);
    writes.finish(event.id, 'throttled', `over ${settings.throttleMessagesPerMinute} messages a minute`, {
      reporterId: chat.reporterId,
    });
    return;
  }

  const { state, notice } = engine.resume(storedState(protection, chat), {
    languageHint: parsed.languageHint,
    knownLanguage,
    expired: chat.expiresAt !== null && chat.expiresAt < now,
  });
  if (!parsed.message) {
    writes.send(chat, outbound);
    writes.finish(event.id, 'other', 'nothing for the conversation', { reporterId: chat.reporterId });
    return;
  }
  const ctx = {
    now,
    capabilities: input.adapter.capabilities,
    // Only at the menu can a message answer an officer's question: no query in the middle of a report.
    openQuestion:
      engine.flowOf(state) === 'start' ? await readDeliveredQuestion(tx, chat.reporterId) : undefined,
  };
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
        reporterId: chat.reporterId,
        register: settings.register,
        lookupLimits: settings.lookupLimits,
        now,
        submit: input.submit,
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

  for (const reply of mergeReplies(replies)) {
    outbound.push({
      purpose: reply.receiptFor ? 'receipt' : 'reply',
      ...(reply.receiptFor ? { reportId: reply.receiptFor } : {}),
      payload: { type: 'reply', reply: renderReply(reply, current.language) },
    });
  }
  writes.send(chat, outbound);
  writes.finish(event.id, outcome, null, { reporterId: chat.reporterId, reportId });
  chat.stored = { state: current };
  chat.language = current.language;
  chat.languageChosen = current.languageChosen;
  chat.expiresAt = new Date(now.getTime() + settings.conversationTimeoutMinutes * 60_000);
  chat.lastInteractionAt = event.received_at;
  chat.changed = true;
}

async function throttleNoticeSentLately(tx: PgClient, reporterId: string, now: Date): Promise<boolean> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbound_message
     WHERE reporter_id = $1 AND purpose = 'throttle_notice' AND created_at > $2`,
    [reporterId, new Date(now.getTime() - 60_000)],
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** A stored state that cannot be decrypted or parsed is treated as missing (restart politely). */
function storedState(protection: IdentityProtection, chat: ChatState): unknown {
  if ('state' in chat.stored) return chat.stored.state;
  const encrypted = chat.stored.encrypted;
  if (!encrypted) return null;
  try {
    return JSON.parse(protection.cipher.decrypt(encrypted));
  } catch {
    return { unreadable: true };
  }
}

function asLanguage(value: string): 'vi' | 'en' {
  return value === 'en' ? 'en' : 'vi';
}
