import { createHash } from 'node:crypto';
import type { ChannelAdapter } from '../../citizen/channels/channel-adapter.ts';
import type { RecordResult, WebhookAnswer } from '../../citizen/channels/webhook-intake.ts';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { isTransientDatabaseError } from '../../platform/database/is-transient-database-error.ts';
import { packBytea } from '../../platform/database/packed-bytea.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import { createBatcher } from '../../platform/process/batcher.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';

export interface InboundRecorder {
  /**
   * Commits one authenticated platform payload, raw and encrypted; resolves after the commit.
   * Database failures reject: the caller answers 503 and the platform delivers again.
   */
  record(adapter: ChannelAdapter, raw: Buffer): Promise<RecordResult>;
}

export interface InboundRecorderOptions {
  pool: PgPool;
  protection: IdentityProtection;
  /** Most rows in one INSERT. */
  maxBatch: number;
  /** Most INSERTs in flight at once (at most the pool's size). */
  maxInFlight: number;
  /**
   * Normally one INSERT is in flight, so that webhooks arriving meanwhile make the next batch as
   * big as possible; another starts only when the newest in flight has taken this long.
   */
  slowInsertMs: number;
  /**
   * Announce pending events with `NOTIFY tinbao_inbound` (delivered at commit, one per commit)
   * for conversation processing in another process.
   */
  notify: boolean;
}

interface PreparedEvent {
  channel: Channel;
  platformKey: string;
  chatKey: string | null;
  payloadEnc: Buffer;
  outcome: 'pending' | 'other' | 'quarantined';
  detail: string | null;
  webhookAnswer: WebhookAnswer;
}

interface Waiting {
  event: PreparedEvent;
  resolve: (result: RecordResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Notification channel for committed pending events. The payload is empty, so PostgreSQL folds
 * the notifications of one commit into one: it says "there is work", the worker finds which.
 */
export const inboundNotificationChannel = 'tinbao_inbound';

/**
 * Commits inbound payloads with group commit: while an INSERT is in flight, new payloads wait and
 * then go together in the next multi-row INSERT (one commit for many webhooks). At low load every
 * payload is inserted at once; under load the batch grows instead of the queue of connections.
 * A second INSERT (up to `maxInFlight`) starts only while the newest one is slow, so a stalled
 * commit does not hold every webhook, and batches stay big otherwise (one in flight took half the
 * database CPU per update of four always in flight).
 * A repeated key (`ON CONFLICT DO NOTHING`, or twice in one batch) is a duplicate. A payload that
 * is not JSON or has no dedupe key is stored already quarantined under a hash of its bytes, so a
 * redelivery of the same bytes is still recognised. If a batch fails for a reason other than the
 * database being down, its rows are retried one by one so one bad row cannot fail the others.
 */
export function createInboundRecorder(options: InboundRecorderOptions): InboundRecorder {
  const { pool, protection } = options;
  const insertBatch = async (batch: Waiting[]): Promise<void> => {
    try {
      await insertRows(batch);
    } catch (error) {
      if (batch.length === 1 || isTransientDatabaseError(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      for (const item of batch) await insertRows([item]).catch((e: unknown) => item.reject(e));
    }
  };

  const insertRows = async (batch: Waiting[]): Promise<void> => {
    // Within one batch, the first of a repeated key is inserted and the others are duplicates.
    const firsts = new Map<string, Waiting>();
    for (const item of batch) {
      const key = `${item.event.channel}\u0000${item.event.platformKey}`;
      if (!firsts.has(key)) firsts.set(key, item);
    }
    const rows = [...firsts.values()].map((item) => item.event);
    const payloads = packBytea(rows.map((r) => r.payloadEnc));
    const result = await pool.query<{ channel: string; platform_key: string }>({
      name: 'record-inbound',
      text: insertStatement,
      values: [
        rows.map((r) => r.channel),
        rows.map((r) => r.platformKey),
        rows.map((r) => r.chatKey),
        payloads.data,
        payloads.starts,
        payloads.lengths,
        rows.map((r) => r.outcome),
        rows.map((r) => r.detail),
        options.notify,
      ],
    });
    const inserted = new Set(result.rows.map((row) => `${row.channel}\u0000${row.platform_key}`));
    for (const item of batch) {
      const { event } = item;
      const { platformKey, webhookAnswer } = event;
      const key = `${event.channel}\u0000${platformKey}`;
      if (firsts.get(key) === item && inserted.has(key)) {
        const chatKey = event.outcome === 'pending' ? event.chatKey : null;
        item.resolve({ kind: 'recorded', platformKey, chatKey, webhookAnswer });
      } else {
        // A redelivery means the platform may not have read the first answer: it gets it again.
        item.resolve({ kind: 'duplicate', platformKey, webhookAnswer });
      }
    }
  };

  // One INSERT in flight, and more only when a whole batch waits or the newest has been slow:
  // waiting makes the next batch bigger.
  const batcher = createBatcher<Waiting>({
    maxBatch: options.maxBatch,
    maxInFlight: options.maxInFlight,
    delayBeforeStart: ({ waiting, inFlight, lastStartedAt, now }) => {
      if (inFlight === 0 || waiting >= options.maxBatch) return 0;
      const slowIn = options.slowInsertMs - (now - lastStartedAt);
      return slowIn <= 0 ? 0 : Math.max(1, slowIn);
    },
    run: insertBatch,
  });

  return {
    record(adapter, raw) {
      const event = prepareInboundEvent(protection, adapter, raw);
      return new Promise<RecordResult>((resolve, reject) => batcher.add({ event, resolve, reject }));
    },
  };
}

const insertStatement = `
  WITH rows AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $5::int[], $6::int[], $7::text[], $8::text[])
      AS t(channel, platform_key, chat_key, payload_start, payload_length, outcome, detail)
  ), inserted AS (
    INSERT INTO inbound_event (channel, platform_key, chat_key, payload_enc, outcome, outcome_detail, processed_at)
    SELECT channel::"Channel", platform_key, chat_key, substring($4::bytea FROM payload_start FOR payload_length),
           outcome::"InboundOutcome", detail,
           CASE WHEN outcome = 'pending' THEN NULL ELSE now() END
    FROM rows
    ON CONFLICT (channel, platform_key) DO NOTHING
    RETURNING channel, platform_key, chat_key, outcome
  )
  SELECT channel::text AS channel, platform_key,
         CASE WHEN $9::boolean AND outcome = 'pending'
              THEN pg_notify('${inboundNotificationChannel}', '')::text END AS notified
  FROM inserted`;

// Platform keys are short printable ids; anything else (a hostile Zalo msg_id) is replaced by its
// hash, so no key can fail a statement that carries other webhooks' rows.
const plainKey = /^[\x21-\x7e]{1,200}$/;

/** Reads the dedupe key, chat and webhook answer of a payload and encrypts it; never throws. */
function prepareInboundEvent(
  protection: IdentityProtection,
  adapter: ChannelAdapter,
  raw: Buffer,
): PreparedEvent {
  let platformKey: string;
  let chatKey: string | null = null;
  let quarantineReason: string | null = null;
  let webhookAnswer: WebhookAnswer = null;
  try {
    const body: unknown = JSON.parse(raw.toString('utf8'));
    const key = adapter.readKey(body);
    platformKey = plainKey.test(key.platformKey) ? key.platformKey : `sha256:${sha256(key.platformKey)}`;
    if (key.chatId !== null) chatKey = protection.hasher.hash(adapter.channel, key.chatId);
    webhookAnswer = adapter.webhookAnswer?.(body) ?? null;
  } catch (error) {
    platformKey = `sha256:${sha256(raw)}`;
    quarantineReason = `unreadable payload: ${error instanceof Error ? error.name : 'unknown'}`;
  }
  // Without a chat there is nobody to answer: such events are accounted for at once.
  const outcome = quarantineReason ? 'quarantined' : chatKey === null ? 'other' : 'pending';
  const detail = quarantineReason ?? (chatKey === null ? 'no chat in payload' : null);
  const payloadEnc = protection.cipher.encrypt(raw.toString('base64'));
  return { channel: adapter.channel, platformKey, chatKey, payloadEnc, outcome, detail, webhookAnswer };
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
