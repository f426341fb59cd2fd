import { describe, expect, it } from 'vitest';
import { repeatWithBackoff } from '../../../src/platform/process/repeat-with-backoff.ts';

const backoff = { initial: 5, max: 20 };

describe('repeatWithBackoff', () => {
  it('until it succeeds: retries each failure after a pause, reporting each, and stops at the success', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const succeeded = await repeatWithBackoff(
      async () => {
        calls++;
        if (calls < 4) throw new Error(`failure ${calls}`);
      },
      { signal: new AbortController().signal, backoff, onError: (e) => errors.push(e), until: 'succeeded' },
    );
    expect(succeeded).toBe(true);
    expect(calls).toBe(4);
    expect(errors.map((e) => (e as Error).message)).toEqual(['failure 1', 'failure 2', 'failure 3']);
  });

  it('until stopped: runs the step again after each success and ends when aborted, mid-pause too', async () => {
    const stop = new AbortController();
    let calls = 0;
    const errors: unknown[] = [];
    const running = repeatWithBackoff(
      async () => {
        calls++;
        if (calls === 5) throw new Error('platform down');
        if (calls === 6) stop.abort();
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
      // A long pause after the failure: the abort must not wait for it.
      {
        signal: stop.signal,
        backoff: { initial: 50, max: 60_000 },
        onError: (e) => errors.push(e),
        until: 'stopped',
      },
    );
    expect(await running).toBe(true);
    expect(calls).toBe(6);
    expect(errors).toHaveLength(1);

    const never = new AbortController();
    setTimeout(() => never.abort(), 30);
    const started = Date.now();
    const ended = await repeatWithBackoff(
      async () => {
        throw new Error('down');
      },
      { signal: never.signal, backoff: { initial: 60_000, max: 60_000 }, until: 'succeeded' },
    );
    expect(ended).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('does not report a failure caused by the abort itself', async () => {
    const stop = new AbortController();
    const errors: unknown[] = [];
    await repeatWithBackoff(
      async () => {
        stop.abort();
        throw new Error('aborted request');
      },
      { signal: stop.signal, backoff, onError: (e) => errors.push(e), until: 'stopped' },
    );
    expect(errors).toEqual([]);
  });
});
