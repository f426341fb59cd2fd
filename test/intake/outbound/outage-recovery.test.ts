import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChannelSender } from '../../../src/citizen/channels/channel-sender.ts';
import { PlatformRejectedError } from '../../../src/citizen/channels/delivery-error.ts';
import type { RateLimits } from '../../../src/citizen/channels/rate-limiter.ts';
import { createOutboundDispatcher } from '../../../src/intake/outbound/outbound-dispatcher.ts';
import { createIdentityProtection } from '../../../src/platform/identity/identity-protection.ts';
import { createLogger } from '../../../src/platform/observability/create-logger.ts';
import { enqueueTestOutbound } from '../../support/enqueue-test-outbound.ts';
import { createTestReporter } from '../../support/submit-test-report.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';

const protection = createIdentityProtection({ encryptionKey: randomBytes(32), hashKey: randomBytes(32) });
const reply = { type: 'reply' as const, reply: { text: 'x', choices: [] } };
const database = usePrivateDatabase({ pool: 4 });

/** One reply queued for each of `n` new reporters; their ids. */
async function queueReplies(n: number): Promise<string[]> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    const reporters: string[] = [];
    for (let i = 0; i < n; i++) {
      const reporterId = await createTestReporter(client, protection);
      await enqueueTestOutbound(client, protection.cipher, { channel: 'telegram', reporterId }, [
        { purpose: 'reply', payload: reply },
      ]);
      reporters.push(reporterId);
    }
    await client.query('COMMIT');
    return reporters;
  } finally {
    client.release();
  }
}

/** A fake platform whose answer the test sets; it counts the sends it took, by chat. */
function platform() {
  const taken: string[] = [];
  const state = { failure: null as Error | null, taken };
  const sender: ChannelSender = {
    channel: 'telegram',
    async send(chatId) {
      if (state.failure) {
        const failure = state.failure;
        // A 429 is answered once, as Telegram answers a flood.
        if (failure instanceof PlatformRejectedError && failure.code === 429) state.failure = null;
        throw failure;
      }
      taken.push(chatId);
    },
  };
  return { state, sender };
}

const dispatcherWith = (sender: ChannelSender, leaseSeconds = 30, limits?: RateLimits) =>
  createOutboundDispatcher({
    pool: database.pool,
    cipher: protection.cipher,
    logger: createLogger('silent'),
    senders: new Map([['telegram', sender]]),
    limits: new Map(limits ? [['telegram', limits]] : []),
    leaseSeconds,
    pollIntervalMs: 60_000,
    maxAttempts: 60,
  });

const dueIn = async (reporters: string[]) =>
  (
    await database.pool.query<{ seconds: number }>(
      `SELECT extract(epoch FROM next_attempt_at - now())::float AS seconds FROM outbound_message
     WHERE reporter_id = ANY($1::uuid[]) AND status = 'pending' ORDER BY id`,
      [reporters],
    )
  ).rows.map((row) => row.seconds);

describe('the end of a platform outage', () => {
  it('makes every message backed off during it due at the first success, not after each back-off', async () => {
    const { state, sender } = platform();
    const dispatcher = dispatcherWith(sender);
    const reporters = await queueReplies(4);
    state.failure = new PlatformRejectedError(502, 'Bad Gateway');
    for (let i = 0; i < 3; i++) {
      await dispatcher.runOnce();
      await database.pool.query(
        `UPDATE outbound_message SET next_attempt_at = now() WHERE reporter_id = ANY($1::uuid[])`,
        [reporters],
      );
    }
    await dispatcher.runOnce();
    expect((await dueIn(reporters)).every((seconds) => seconds > 3)).toBe(true);

    // The platform is back; one message's back-off ends first and it goes through.
    state.failure = null;
    await database.pool.query(
      `UPDATE outbound_message SET next_attempt_at = now() WHERE reporter_id = $1::uuid`,
      [reporters[0]],
    );
    await dispatcher.runOnce();
    expect(state.taken).toHaveLength(1);
    expect((await dueIn(reporters)).every((seconds) => seconds <= 0)).toBe(true);
    await dispatcher.runOnce();
    expect(state.taken).toHaveLength(4);
    await dispatcher.stop();
  });
});

describe('a send held back by a long retry_after', () => {
  it('keeps its lease while it waits, so another worker does not send it too', async () => {
    const { state, sender } = platform();
    const limits = { perSecond: 30, perChatBurst: 3, perChatPerSecond: 1 };
    // A lease of 2 s and a retry_after of 4 s: the wait outlasts the lease.
    const first = dispatcherWith(sender, 2, limits);
    const second = dispatcherWith(sender, 2, limits);
    const [flooded] = await queueReplies(1);
    state.failure = new PlatformRejectedError(429, 'Too Many Requests: retry after 4', 4);
    await first.runOnce();
    // A new message arrives during the pause: the first worker claims it and holds it back.
    const [held] = await queueReplies(1);
    const holding = first.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await second.runOnce()).toBe(0);
    await holding;
    const { rows } = await database.pool.query<{ status: string }>(
      'SELECT status::text FROM outbound_message WHERE reporter_id = $1::uuid',
      [held],
    );
    expect(rows).toEqual([{ status: 'sent' }]);
    expect(state.taken).toHaveLength(1);
    expect(flooded).toBeDefined();
    await first.stop();
    await second.stop();
  });
});
