import { describe, expect, it } from 'vitest';
import { type BatchState, createBatcher } from '../../../src/platform/process/batcher.ts';

/** Batches the test ends by hand, with what each saw. */
function heldBatches() {
  const batches: { items: number[]; end: () => void }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const run = (items: number[]) =>
    new Promise<void>((resolve) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      batches.push({
        items,
        end: () => {
          running--;
          resolve();
        },
      });
    });
  return { batches, run, mostAtOnce: () => mostAtOnce };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a batcher', () => {
  it('gathers what arrives while a batch runs into the next, at most maxBatch each', async () => {
    const held = heldBatches();
    const batcher = createBatcher<number>({
      maxBatch: 3,
      maxInFlight: 1,
      delayBeforeStart: () => 0,
      run: held.run,
    });
    for (let i = 1; i <= 6; i++) batcher.add(i);
    expect(held.batches.map((b) => b.items)).toEqual([[1]]);
    held.batches[0]?.end();
    await tick();
    expect(held.batches.map((b) => b.items)).toEqual([[1], [2, 3, 4]]);
    held.batches[1]?.end();
    await tick();
    expect(held.batches.map((b) => b.items)).toEqual([[1], [2, 3, 4], [5, 6]]);
    held.batches[2]?.end();
    expect(held.mostAtOnce()).toBe(1);
  });

  it('runs up to maxInFlight batches at once', async () => {
    const held = heldBatches();
    const batcher = createBatcher<number>({
      maxBatch: 2,
      maxInFlight: 2,
      delayBeforeStart: () => 0,
      run: held.run,
    });
    for (let i = 1; i <= 5; i++) batcher.add(i);
    expect(held.batches.map((b) => b.items)).toEqual([[1], [2]]);
    for (const batch of held.batches.slice()) batch.end();
    await tick();
    expect(held.batches.map((b) => b.items)).toEqual([[1], [2], [3, 4], [5]]);
    for (const batch of held.batches.slice(2)) batch.end();
    expect(held.mostAtOnce()).toBe(2);
  });

  it('waits as long as its policy asks, letting the batch grow, and asks again after', async () => {
    const held = heldBatches();
    const asked: BatchState[] = [];
    const batcher = createBatcher<number>({
      maxBatch: 10,
      maxInFlight: 1,
      delayBeforeStart: (state) => {
        asked.push(state);
        return state.now - state.firstWaitingSince >= 30 ? 0 : 30 - (state.now - state.firstWaitingSince);
      },
      run: held.run,
    });
    batcher.add(1);
    batcher.add(2);
    expect(held.batches).toHaveLength(0);
    await wait(60);
    expect(held.batches.map((b) => b.items)).toEqual([[1, 2]]);
    expect(asked.at(-1)?.waiting).toBe(2);
    held.batches[0]?.end();
  });
});
