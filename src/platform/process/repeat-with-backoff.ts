import { setTimeout as sleep } from 'node:timers/promises';

export interface Backoff {
  /** First and longest wait after a failure; the wait doubles in between. */
  initial: number;
  max: number;
}

export interface RepeatOptions {
  signal: AbortSignal;
  backoff: Backoff;
  /** Told about every failure before the pause that follows it. */
  onError?: ((error: unknown) => void) | undefined;
  /** `stopped`: run `step` again after each success too (a polling loop); `succeeded`: stop at the first. */
  until: 'stopped' | 'succeeded';
}

/**
 * Runs `step` until `signal` aborts (or, with `until: 'succeeded'`, until it first succeeds),
 * pausing after each failure for a wait that doubles up to `backoff.max` and starts again after a
 * success. A failure once aborted is not reported: it is the abort's own doing. Resolves whether
 * `step` last succeeded.
 * @example await repeatWithBackoff(() => pollOnce(), { signal, backoff, onError, until: 'stopped' })
 */
export async function repeatWithBackoff(step: () => Promise<void>, options: RepeatOptions): Promise<boolean> {
  const { signal, backoff } = options;
  let delay = backoff.initial;
  let succeeded = false;
  while (!signal.aborted) {
    try {
      await step();
      succeeded = true;
      if (options.until === 'succeeded') return true;
      delay = backoff.initial;
    } catch (error) {
      succeeded = false;
      if (signal.aborted) break;
      options.onError?.(error);
      await sleep(delay, undefined, { signal }).catch(() => undefined);
      delay = Math.min(delay * 2, backoff.max);
    }
  }
  return succeeded;
}
