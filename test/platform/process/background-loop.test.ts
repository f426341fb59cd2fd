import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics, loopMetrics } from '../../../src/platform/observability/create-metrics.ts';
import { type BackgroundLoop, createBackgroundLoop } from '../../../src/platform/process/background-loop.ts';

/** A round the test finishes by hand, answering whether there is more. */
interface HeldRound {
  finish(more: boolean): void;
  fail(error: Error): void;
}

/** Rounds that wait for the test: it sees each one start and ends it when it likes. */
function heldRounds() {
  const started: HeldRound[] = [];
  let active = 0;
  let mostAtOnce = 0;
  const waiters: (() => void)[] = [];
  const round = () =>
    new Promise<boolean>((resolve, reject) => {
      active++;
      mostAtOnce = Math.max(mostAtOnce, active);
      const end = () => {
        active--;
      };
      started.push({
        finish: (more) => {
          end();
          resolve(more);
        },
        fail: (error) => {
          end();
          reject(error);
        },
      });
      for (const wake of waiters.splice(0)) wake();
    });
  /** Waits until `n` rounds have started in all. */
  const untilStarted = async (n: number) => {
    while (started.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    return started[n - 1] as HeldRound;
  };
  return { round, started, untilStarted, mostAtOnce: () => mostAtOnce };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const loops: BackgroundLoop[] = [];
afterEach(async () => {
  for (const loop of loops.splice(0)) await loop.stop();
});

function loopOf(
  options: Partial<Parameters<typeof createBackgroundLoop>[0]> & { round: () => Promise<boolean> },
) {
  const errors: unknown[] = [];
  const loop = createBackgroundLoop({
    name: 'test',
    onError: (error) => errors.push(error),
    intervalMs: 60_000,
    ...options,
  });
  loops.push(loop);
  return { loop, errors };
}

describe('a background loop', () => {
  it('runs a round at start, goes round again while there is more, then waits', async () => {
    const rounds = heldRounds();
    const { loop } = loopOf({ round: rounds.round });
    loop.start();
    (await rounds.untilStarted(1)).finish(true);
    (await rounds.untilStarted(2)).finish(false);
    await settle();
    expect(rounds.started).toHaveLength(2);
  });

  it('takes a kick during a round as one more round, not a second loop', async () => {
    const rounds = heldRounds();
    const { loop } = loopOf({ round: rounds.round });
    loop.start();
    const first = await rounds.untilStarted(1);
    loop.kick();
    loop.kick();
    first.finish(false);
    (await rounds.untilStarted(2)).finish(false);
    await settle();
    expect(rounds.started).toHaveLength(2);
    expect(rounds.mostAtOnce()).toBe(1);
  });

  it('runs up to its concurrency of rounds at once', async () => {
    const rounds = heldRounds();
    const { loop } = loopOf({ round: rounds.round, concurrency: 2 });
    loop.start();
    loop.kick();
    await rounds.untilStarted(2);
    // A third kick while both run asks one of them for one more round.
    loop.kick();
    await settle();
    expect(rounds.started).toHaveLength(2);
    for (const round of rounds.started) round.finish(false);
    (await rounds.untilStarted(3)).finish(false);
    await loop.idle();
    expect(rounds.started).toHaveLength(3);
    expect(rounds.mostAtOnce()).toBe(2);
  });

  it('runs on its interval without kicks, and waits for the first one when told to', async () => {
    const rounds = heldRounds();
    const { loop } = loopOf({ round: rounds.round, intervalMs: 30, runAtStart: false });
    loop.start();
    expect(rounds.started).toHaveLength(0);
    (await rounds.untilStarted(1)).finish(false);
    (await rounds.untilStarted(2)).finish(false);
  });

  it('reports a failed round, ignores kicks for the pause, and retries on the interval', async () => {
    const rounds = heldRounds();
    const { loop, errors } = loopOf({ round: rounds.round, intervalMs: 200, pauseAfterErrorMs: 10_000 });
    loop.start();
    (await rounds.untilStarted(1)).fail(new Error('redis down'));
    await settle();
    expect(errors).toEqual([new Error('redis down')]);
    loop.kick();
    await settle();
    expect(rounds.started).toHaveLength(1);
    (await rounds.untilStarted(2)).finish(false);
  });

  it('counts its rounds by result and times them, under its name', async () => {
    const rounds = heldRounds();
    const metrics = createMetrics();
    const { loop } = loopOf({ round: rounds.round, name: 'relay', metrics: loopMetrics(metrics) });
    loop.start();
    (await rounds.untilStarted(1)).finish(true);
    (await rounds.untilStarted(2)).fail(new Error('db down'));
    await settle();
    loop.kick();
    (await rounds.untilStarted(3)).finish(false);
    await loop.idle();
    const text = await metrics.registry.metrics();
    for (const result of ['more', 'failed', 'done']) {
      expect(text).toContain(`tinbao_loop_rounds_total{loop="relay",result="${result}"} 1`);
    }
    expect(text).toContain('tinbao_loop_round_duration_seconds_count{loop="relay"} 3');
  });

  it('lets the round under way finish on stop, and starts none after', async () => {
    const rounds = heldRounds();
    const { loop } = loopOf({ round: rounds.round, intervalMs: 10 });
    loop.start();
    const first = await rounds.untilStarted(1);
    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await settle();
    expect(stopped).toBe(false);
    first.finish(true);
    await stopping;
    loop.kick();
    await settle();
    expect(rounds.started).toHaveLength(1);
  });
});
