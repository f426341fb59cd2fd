import type { ChannelAdapter } from '../../citizen/channels/channel-adapter.ts';
import type { ParsedInbound } from '../../citizen/channels/parsed-inbound.ts';
import { inTransaction, type PgClient } from '../../platform/database/create-pg-pool.ts';
import { claimChats } from './claim-chats.ts';
import { DeferredSubmissions } from './deferred-submissions.ts';
import type { IntakeDependencies } from './intake-dependencies.ts';
import { loadChatReporters } from './load-chat-reporters.ts';
import { runTurn } from './run-turn.ts';
import type { PendingEventRow } from './turn-batch-rows.ts';
import { TurnBatchWrites } from './turn-batch-writes.ts';

/**
 * Which pending events one transaction takes: the chats whose oldest pending event is oldest
 * (skipping chats another transaction holds), or the oldest pending event of one chat, waiting
 * for its lock (used to isolate an event that makes a batch fail).
 */
export type TurnClaim =
  | { kind: 'oldest'; chats: number; eventsPerChat: number }
  | { kind: 'chat'; chatKey: string };

export interface TurnBatchResult {
  /** Events given an outcome (0: nothing pending that this transaction could take). */
  events: number;
  /** The chats the transaction held. */
  chatKeys: string[];
  /** It took as many chats as it could: more may be waiting for another transaction. */
  full: boolean;
  /** Reports it submitted (their outbox rows are committed with it). */
  submitted: number;
}

/**
 * A transaction of turns that failed and rolled back. When one turn threw, it names that turn's
 * chat and event; otherwise every chat it held and every event it read.
 */
export class TurnBatchError extends Error {
  override name = 'TurnBatchError';
  constructor(
    readonly chatKeys: string[],
    readonly eventIds: string[],
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? `${cause.name}: ${cause.message}` : 'turn batch failed');
  }
}

/** A turn that threw: the batch fails, naming the turn's chat and event. */
class TurnFailure extends Error {
  override name = 'TurnFailure';
  constructor(
    readonly chatKey: string,
    readonly eventId: string,
    override readonly cause: unknown,
  ) {
    super('a conversation turn failed');
  }
}

/** How long a batch's turns may hold the event loop before letting other work run. */
const yieldEveryMs = 4;

/** Most events of one chat in a batch; a chat's further events wait for the next one. */
export const eventsPerChatInBatch = 16;

interface BatchEvent {
  row: PendingEventRow;
  /** The channel's reader; null only when the event is broken for want of one. */
  adapter: ChannelAdapter | null;
  parsed: ParsedInbound | null;
  /** Why the payload cannot be read (it is quarantined with `detail`). */
  broken: { detail: string; reason: string; logged: boolean } | null;
}

/**
 * Runs conversation turns for several chats in one transaction: each chat's pending events in
 * order, the turns' effects (submitted reports, status look-ups), the replies to send and the
 * events' outcomes, all committed together or not at all. Each chat is held by its advisory lock
 * for the whole transaction, so a chat's messages are handled one after another in every process.
 *
 * This is the hottest path of the system. A transaction costs the same few round trips however
 * many turns it carries: BEGIN, claim the chats, read their events with reporter and
 * conversation, create the reporters of new chats, effects (all submissions together, at the
 * end), one statement writing every turn, COMMIT. Under load it carries many chats; idle, one.
 */
export async function processTurnBatch(deps: IntakeDependencies, claim: TurnClaim): Promise<TurnBatchResult> {
  const lockKey = claim.kind === 'chat' ? { lockKey: claim.chatKey } : {};
  let chatKeys: string[] = claim.kind === 'chat' ? [claim.chatKey] : [];
  let eventIds: string[] = [];
  try {
    return await inTransaction(deps.pool, lockKey, async (tx) => {
      if (claim.kind === 'oldest') chatKeys = await claimChats(tx, claim.chats, claim.eventsPerChat);
      const full = claim.kind === 'oldest' && chatKeys.length >= claim.chats;
      if (chatKeys.length === 0) return { events: 0, chatKeys, full, submitted: 0 };
      const { rows } = await tx.query<PendingEventRow>({
        name: 'turn-events',
        text: readEventsSql,
        values: [chatKeys, claim.kind === 'chat' ? 1 : claim.eventsPerChat],
      });
      eventIds = rows.map((row) => row.id);
      if (rows.length === 0) return { events: 0, chatKeys, full, submitted: 0 };
      return { ...(await runTurns(deps, tx, rows)), chatKeys, full };
    });
  } catch (error) {
    if (error instanceof TurnFailure) throw new TurnBatchError([error.chatKey], [error.eventId], error.cause);
    throw new TurnBatchError(chatKeys, eventIds, error);
  }
}

const readEventsSql = `
  SELECT e.id::text, e.channel::text, e.chat_key, e.payload_enc, e.received_at,
         f.window_start AS flood_start, f.count AS flood_count, f.previous AS flood_previous,
         p.id AS reporter_id, p.language, p.language_chosen, p.last_interaction_at, c.state_enc, c.expires_at
  FROM unnest($1::text[]) AS k(chat_key)
  CROSS JOIN LATERAL (
    SELECT * FROM inbound_event e
    WHERE e.chat_key = k.chat_key AND e.outcome = 'pending' ORDER BY e.id LIMIT $2
  ) e
  LEFT JOIN chat_flood f ON f.chat_key = k.chat_key
  LEFT JOIN reporter p ON p.channel = e.channel AND p.identity_hash = e.chat_key
  LEFT JOIN conversation c ON c.reporter_id = p.id
  ORDER BY e.id`;

/**
 * The turns of the batch, chat by chat. A turn that submits a report waits for the batch's
 * submissions, made together after every chat has run; its chat's later events stay pending for
 * the next transaction. Returns how many events were given an outcome and reports submitted.
 */
async function runTurns(
  deps: IntakeDependencies,
  tx: PgClient,
  rows: PendingEventRow[],
): Promise<{ events: number; submitted: number }> {
  const now = deps.clock();
  const events = rows.map((row) => parseEvent(deps, row));
  const chats = await loadChatReporters(
    deps,
    tx,
    events.filter((event) => event.broken === null),
  );
  const writes = new TurnBatchWrites(deps.protection);
  const submissions = new DeferredSubmissions(tx, deps.protection, deps.clock);
  const waitingTurns: Promise<void>[] = [];
  let settled = 0;
  let ranSince = performance.now();
  for (const chatEvents of groupByChat(events)) {
    // A batch's turns are CPU work without I/O in between: let the process's other work (triage
    // jobs, deliveries, webhooks in one process) have the event loop every few milliseconds.
    if (performance.now() - ranSince > yieldEveryMs) {
      await new Promise((resolve) => setImmediate(resolve));
      ranSince = performance.now();
    }
    for (const { row, adapter, parsed, broken } of chatEvents) {
      settled++;
      // Every event the batch settles counts, in the order received (a chat's events arrive in
      // order); one left pending behind a submission is counted by the transaction that takes it.
      const { recent } = writes.countMessage(row);
      if (broken !== null) {
        if (broken.logged)
          deps.logger.warn({ eventId: row.id, err: broken.reason }, 'inbound payload quarantined');
        writes.finish(row.id, 'quarantined', broken.detail);
        continue;
      }
      const chat = chats.get(row.chat_key);
      if (!parsed || !chat || !adapter) {
        writes.finish(row.id, 'other', 'nothing for the conversation');
        continue;
      }
      let blocked: () => void = () => {};
      const waiting = new Promise<'waiting'>((resolve) => {
        blocked = () => resolve('waiting');
      });
      const turn = runTurn(deps, {
        event: row,
        recent,
        parsed,
        chat,
        adapter,
        now,
        tx,
        writes,
        submit: (submission) => {
          blocked();
          return submissions.submit(submission, BigInt(row.id));
        },
      }).catch((error: unknown) => {
        throw new TurnFailure(row.chat_key, row.id, error);
      });
      if ((await Promise.race([turn.then(() => 'done' as const), waiting])) === 'waiting') {
        // Awaited after the flush; a rejection before then must not count as unhandled.
        turn.catch(() => {});
        waitingTurns.push(turn);
        break;
      }
    }
  }
  const submitted = submissions.pending;
  let flushFailure: unknown = null;
  if (submissions.pending > 0)
    await submissions.flush().catch((error: unknown) => (flushFailure = error ?? 'flush failed'));
  // Every waiting turn ends before the transaction does, so none can query after a rollback.
  const ended = await Promise.allSettled(waitingTurns);
  if (flushFailure !== null) throw flushFailure;
  for (const result of ended) if (result.status === 'rejected') throw result.reason;
  await writes.write(tx, chats.values(), { engine: deps.engine, now });
  return { events: settled, submitted };
}

function parseEvent(deps: IntakeDependencies, row: PendingEventRow): BatchEvent {
  const adapter = deps.adapters.get(row.channel);
  if (!adapter) {
    const detail = `no adapter for channel ${row.channel}`;
    return { row, adapter: null, parsed: null, broken: { detail, reason: detail, logged: false } };
  }
  try {
    const raw = Buffer.from(deps.protection.cipher.decrypt(row.payload_enc), 'base64').toString('utf8');
    return { row, adapter, parsed: adapter.parse(JSON.parse(raw)), broken: null };
  } catch (error) {
    const reason = error instanceof Error ? error.name : typeof error;
    return { row, adapter, parsed: null, broken: { detail: `unparseable: ${reason}`, reason, logged: true } };
  }
}

/** The events of each chat in order; chats in the order of their oldest event. */
function groupByChat(events: BatchEvent[]): BatchEvent[][] {
  const byChat = new Map<string, BatchEvent[]>();
  for (const event of events) {
    const list = byChat.get(event.row.chat_key);
    if (list) list.push(event);
    else byChat.set(event.row.chat_key, [event]);
  }
  return [...byChat.values()];
}
