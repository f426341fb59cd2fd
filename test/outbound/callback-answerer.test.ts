import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src/engine/channel.ts';
import { createLogger } from '../../src/observability/create-logger.ts';
import { createCallbackAnswerer } from '../../src/outbound/callback-answerer.ts';
import type { ChannelSender } from '../../src/outbound/channel-sender.ts';
import { PlatformRejectedError } from '../../src/outbound/delivery-error.ts';
import type { OutboundPayload } from '../../src/outbound/outbound-payload.ts';
import { createRateLimiter } from '../../src/outbound/rate-limiter.ts';

/** A sender that records what it was asked to send and when; `refuse` makes it answer 429 once. */
function recordingSender() {
  const sent: { id: string; at: number }[] = [];
  let refuseNext = false;
  const sender: ChannelSender = {
    channel: 'telegram',
    async send(_chatId: string, payload: OutboundPayload) {
      if (payload.type !== 'answer_callback') throw new Error('only answers here');
      if (refuseNext) {
        refuseNext = false;
        throw new PlatformRejectedError(429, 'Too Many Requests', 0.2);
      }
      sent.push({ id: payload.callbackQueryId, at: Date.now() });
    },
  };
  return { sender, sent, refuseOnce: () => (refuseNext = true) };
}

function answererFor(sender: ChannelSender, perSecond: number, lifetimeMs: number) {
  return createCallbackAnswerer({
    senders: new Map<Channel, ChannelSender>([['telegram', sender]]),
    limiters: new Map([['telegram', createRateLimiter({ perSecond, perChatBurst: 3, perChatPerSecond: 1 })]]),
    logger: createLogger('silent'),
    lifetimeMs,
    maxQueued: 100,
  });
}

const presses = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ channel: 'telegram' as const, callbackQueryId: `q${i}` }));

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('answering button presses', () => {
  it('answers every press once, in order, within the overall send limit', async () => {
    const { sender, sent } = recordingSender();
    const answerer = answererFor(sender, 20, 10_000);
    answerer.answer(presses(6));
    await until(() => sent.length === 6);
    expect(sent.map((s) => s.id)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5']);
    // 20 a second: six answers span at least five intervals of 50 ms.
    expect((sent.at(-1)?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThanOrEqual(5 * 50 - 5);
    await answerer.stop();
  });

  it('drops answers that waited longer than their lifetime instead of spending the limit on them', async () => {
    const { sender, sent } = recordingSender();
    // 5 a second and a lifetime of 1 s: of 10 presses at once, about the first five can go.
    const answerer = answererFor(sender, 5, 1000);
    answerer.answer(presses(10));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent[0]?.id).toBe('q0');
    await answerer.stop();
  });

  it('stops at once, even with answers waiting for the limit, and sends nothing after', async () => {
    const { sender, sent } = recordingSender();
    const answerer = answererFor(sender, 1, 60_000);
    answerer.answer(presses(3));
    await until(() => sent.length === 1);
    const started = Date.now();
    await answerer.stop();
    expect(Date.now() - started).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(sent).toHaveLength(1);
  });

  it('waits out a 429 and answers again', async () => {
    const { sender, sent, refuseOnce } = recordingSender();
    const answerer = answererFor(sender, 100, 10_000);
    refuseOnce();
    const started = Date.now();
    answerer.answer(presses(2));
    await until(() => sent.length === 2);
    expect(sent.map((s) => s.id)).toEqual(['q0', 'q1']);
    expect((sent[0]?.at ?? 0) - started).toBeGreaterThanOrEqual(190);
    await answerer.stop();
  });
});
