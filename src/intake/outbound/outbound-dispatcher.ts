import type { Logger } from 'pino';
import type { ChannelSender } from '../../citizen/channels/channel-sender.ts';
import { PlatformRejectedError } from '../../citizen/channels/delivery-error.ts';
import type { OutboundPayload } from '../../citizen/channels/outbound-payload.ts';
import { createRateLimiter, type RateLimiter, type RateLimits } from '../../citizen/channels/rate-limiter.ts';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import { type BackgroundLoopMetrics, createBackgroundLoop } from '../../platform/process/background-loop.ts';
import { redactIdentifiers } from '../../platform/text/redact-identifiers.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';

export interface OutboundDispatcherOptions {
  /** Where its loop counts rounds; none in tests that do not look. */
  loopMetrics?: BackgroundLoopMetrics | undefined;
  pool: PgPool;
  cipher: FieldCipher;
  logger: Logger;
  senders: ReadonlyMap<Channel, ChannelSender>;
  /** Per-channel limits: overall messages a second, and per chat (burst, then one a second). */
  limits: ReadonlyMap<Channel, RateLimits>;
  /** How long a claimed message is reserved for the process sending it. */
  leaseSeconds: number;
  pollIntervalMs: number;
  /** Messages other than receipts are given up (status failed) after this many attempts. */
  maxAttempts: number;
}

export interface OutboundDispatcher {
  /** Look for work now (called after a commit wrote messages). */
  kick(): void;
  start(): void;
  stop(): Promise<void>;
  /** One claim-and-send round; returns how many messages it tried. */
  runOnce(): Promise<number>;
}

interface ClaimedRow {
  id: string;
  channel: Channel;
  reporter_id: string;
  purpose: string;
  attempts: number;
  payload_enc: Buffer;
  chat_id_enc: Buffer;
  last_interaction_at: Date;
}

/**
 * Delivers committed outbound messages: in order per reporter (only a reporter's oldest pending
 * message is ever claimed), within the platform's rate limits, retrying 429 after `retry_after`
 * and 5xx or network failures with backoff. A message is leased while sent, so several processes
 * can deliver without sending one message twice, except after a crash mid-call (at least once).
 */
export function createOutboundDispatcher(options: OutboundDispatcherOptions): OutboundDispatcher {
  const { pool, cipher, logger } = options;
  const limiters = new Map<Channel, RateLimiter>();
  for (const [channel, limit] of options.limits) limiters.set(channel, createRateLimiter(limit));
  /** Channels whose platform failed (429, 5xx, unreachable) since its last success, and since when. */
  const failingSince = new Map<Channel, number>();

  // Only channels that push: the web chat's client fetches its own messages.
  const pushChannels = [...options.senders.keys()];
  // Each reporter's oldest pending message, in the order they fall due: walks the partial index on
  // (next_attempt_at, id), so a round reads about as many rows as it claims. The filters compare
  // columns as they are (no ::text casts): the planner cannot estimate a cast column, took the
  // filters as rare, and read every pending message with a sort instead (117 ms, not 8).
  // next_attempt_at is stored to the millisecond, rounded: a message made due "now" (the column's
  // default, a recovery) can read up to half a millisecond ahead of the next statement's now(),
  // and would wait a whole poll; the half millisecond of slack absorbs exactly that rounding.
  const claim = async (excluded: string[]): Promise<ClaimedRow[]> => {
    const { rows } = await pool.query<ClaimedRow>({
      name: 'outbound-claim',
      text: `WITH due AS (
         SELECT o.id FROM outbound_message o
         WHERE o.status = 'pending' AND o.next_attempt_at <= now() + interval '0.5 milliseconds' AND o.channel = ANY($1::"Channel"[])
           AND (o.lease_until IS NULL OR o.lease_until < now())
           AND NOT (o.reporter_id = ANY($2::uuid[]))
           AND NOT EXISTS (
             SELECT 1 FROM outbound_message p
             WHERE p.status = 'pending' AND p.reporter_id = o.reporter_id AND p.id < o.id
           )
         ORDER BY o.next_attempt_at LIMIT 50
       )
       UPDATE outbound_message o
       SET lease_until = now() + make_interval(secs => $3), attempts = o.attempts + 1
       FROM due, reporter r
       WHERE o.id = due.id AND r.id = o.reporter_id AND (o.lease_until IS NULL OR o.lease_until < now())
       RETURNING o.id::text, o.channel::text, o.reporter_id, o.purpose, o.attempts, o.payload_enc, r.chat_id_enc,
         r.last_interaction_at`,
      values: [pushChannels, excluded, options.leaseSeconds],
    });
    return rows;
  };

  const deliver = async (row: ClaimedRow): Promise<void> => {
    const sender = options.senders.get(row.channel);
    if (!sender) {
      await settle(row, 'failed', `no sender for channel ${row.channel}`);
      return;
    }
    const silentFor = Date.now() - row.last_interaction_at.getTime();
    if (sender.replyWindowMs !== undefined && silentFor > sender.replyWindowMs) {
      const hours = Math.floor(silentFor / 3_600_000);
      await settle(row, 'failed', `outside the platform's reply window: last message ${hours} h ago`);
      return;
    }
    try {
      const payload = JSON.parse(cipher.decrypt(row.payload_enc)) as OutboundPayload;
      const chatId = cipher.decrypt(row.chat_id_enc);
      await sender.send(chatId, payload);
      await settle(row, 'sent', null);
    } catch (error) {
      await failed(row, error);
      return;
    }
    // Outside the send's try: a failure here must not be taken for this message's failure.
    if (failingSince.delete(row.channel))
      await retryNow(row.channel).catch((error: unknown) =>
        logger.warn({ err: redactIdentifiers(errorName(error)) }, 'backed-off messages not made due'),
      );
  };

  const settle = async (row: ClaimedRow, status: 'sent' | 'failed', lastError: string | null) => {
    // A sent receipt's text holds the receipt code: keep no copy of it once delivered.
    const wipe = status === 'sent' && row.purpose === 'receipt';
    await pool.query({
      name: 'outbound-settle',
      text: `UPDATE outbound_message SET status = $2::"OutboundStatus", lease_until = NULL, last_error = $3,
         sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE NULL END,
         payload_enc = CASE WHEN $4::boolean THEN ''::bytea ELSE payload_enc END
       WHERE id = $1`,
      values: [row.id, status, lastError, wipe],
    });
  };

  /**
   * The platform took a message again after failing: every message backed off during the outage
   * is due now (the rate limiter still paces them), rather than each waiting out its own back-off.
   */
  const retryNow = async (channel: Channel) => {
    const { rowCount } = await pool.query({
      name: 'outbound-retry-now',
      text: `UPDATE outbound_message SET next_attempt_at = now()
       WHERE status = 'pending' AND channel = $1::"Channel" AND next_attempt_at > now() AND last_error IS NOT NULL`,
      values: [channel],
    });
    if (rowCount)
      logger.info({ channel, messages: rowCount }, 'platform recovered: backed-off messages due now');
    loop.kick();
  };

  /**
   * How long a failed send waits: the platform's retry_after, else an exponential back-off whose
   * ceiling grows with the outage (a third of its length, 4 to 60 s), so that a short outage is
   * probed often enough for its end to be noticed within seconds, and a long one is not hammered.
   */
  const backOffSeconds = (row: ClaimedRow, rejected: PlatformRejectedError | null): number => {
    if (rejected?.retryAfterSeconds !== undefined) return rejected.retryAfterSeconds;
    const since = failingSince.get(row.channel) ?? Date.now();
    const ceiling = Math.min(60, Math.max(4, (Date.now() - since) / 3000));
    return Math.min(2 ** Math.min(row.attempts, 6), ceiling);
  };

  const failed = async (row: ClaimedRow, error: unknown) => {
    const rejected = error instanceof PlatformRejectedError ? error : null;
    const reason = redactIdentifiers(
      rejected ? `${rejected.code} ${rejected.description}` : errorName(error),
    ).slice(0, 300);
    // A receipt is the citizen's only copy of their code: it is retried until the platform takes
    // it or refuses it for good, however long an outage or a re-consent takes.
    const outOfAttempts = row.purpose !== 'receipt' && row.attempts >= options.maxAttempts;
    if ((rejected && !rejected.retryable) || outOfAttempts) {
      logger.warn({ outboundId: row.id, reason }, 'outbound message given up');
      await settle(row, 'failed', reason);
      return;
    }
    if (!failingSince.has(row.channel)) failingSince.set(row.channel, Date.now());
    const delaySeconds = backOffSeconds(row, rejected);
    if (rejected?.code === 429) limiters.get(row.channel)?.pause(delaySeconds * 1000);
    await pool.query(
      `UPDATE outbound_message SET lease_until = NULL, last_error = $2,
         next_attempt_at = now() + make_interval(secs => $3)
       WHERE id = $1`,
      [row.id, reason, delaySeconds],
    );
  };

  /** Keeps the lease of messages held back by the limiter until they are sent, plus the usual lease. */
  const extendLeases = async (ids: string[], heldMs: number) => {
    await pool.query({
      name: 'outbound-extend-leases',
      text: `UPDATE outbound_message SET lease_until = now() + make_interval(secs => $2)
       WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
      values: [ids, Math.ceil(heldMs / 1000) + options.leaseSeconds],
    });
  };

  const round = async (): Promise<number> => {
    const cooling = [...limiters.values()].flatMap((l) => l.coolingKeys());
    const rows = await claim(cooling);
    const planned = rows.map((row) => {
      const limiter = limiters.get(row.channel);
      // Answering a button press is not a chat message: only the overall limit applies to it.
      const key = row.purpose === 'callback_answer' ? null : row.reporter_id;
      return { row, limiter, key, waitMs: limiter ? limiter.reserve(key) : 0 };
    });
    // A send held back past half its lease (a long retry_after) would otherwise be claimed again by
    // another worker while it waits here, and sent twice.
    const held = planned.filter((p) => p.waitMs > options.leaseSeconds * 500);
    if (held.length > 0)
      await extendLeases(
        held.map((p) => p.row.id),
        Math.max(...held.map((p) => p.waitMs)),
      );
    await Promise.all(
      planned.map(async ({ row, limiter, key, waitMs }) => {
        if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
        try {
          await deliver(row);
        } finally {
          limiter?.sent(key);
        }
      }),
    );
    return rows.length;
  };

  const loop = createBackgroundLoop({
    name: 'outbound_dispatcher',
    metrics: options.loopMetrics,
    round: async () => (await round()) > 0,
    onError: (error) => logger.warn({ err: redactIdentifiers(errorName(error)) }, 'outbound round failed'),
    intervalMs: options.pollIntervalMs,
  });

  return {
    kick: () => loop.kick(),
    start: () => loop.start(),
    stop: () => loop.stop(),
    runOnce: round,
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : typeof error;
}
