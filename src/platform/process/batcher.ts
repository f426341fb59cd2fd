/** What a batcher's policy sees when it decides whether the next batch starts now. */
export interface BatchState {
  /** Items waiting for a batch. */
  waiting: number;
  /** Batches running now (fewer than `maxInFlight` when asked). */
  inFlight: number;
  /** When the oldest waiting item was added, and when the newest batch started (performance.now()). */
  firstWaitingSince: number;
  lastStartedAt: number;
  now: number;
}

export interface BatcherOptions<T> {
  maxBatch: number;
  maxInFlight: number;
  /** 0: start a batch now; otherwise how many ms to wait before asking again (waiting grows the batch). */
  delayBeforeStart(state: BatchState): number;
  /** Runs one batch; it settles its items itself and must not throw. */
  run(batch: T[]): Promise<void>;
}

export interface Batcher<T> {
  add(item: T): void;
}

/**
 * Gathers items into batches of at most `maxBatch`, up to `maxInFlight` batches at once, started
 * when the policy says so: at once, or after a wait that lets the batch grow. A batch ending lets
 * the next start; a timer asks the policy again when it wanted to wait.
 * @example createBatcher({ maxBatch: 64, maxInFlight: 1, delayBeforeStart: () => 0, run })
 */
export function createBatcher<T>(options: BatcherOptions<T>): Batcher<T> {
  let waiting: { item: T; since: number }[] = [];
  let inFlight = 0;
  let lastStartedAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const flush = () => {
    while (waiting.length > 0 && inFlight < options.maxInFlight) {
      const now = performance.now();
      const first = waiting[0] as { since: number };
      const delay = options.delayBeforeStart({
        waiting: waiting.length,
        inFlight,
        firstWaitingSince: first.since,
        lastStartedAt,
        now,
      });
      if (delay > 0) {
        timer ??= setTimeout(() => {
          timer = null;
          flush();
        }, delay);
        // The callers waiting for their items keep the process up; the timer itself must not.
        timer.unref();
        return;
      }
      clearTimer();
      const batch = waiting.slice(0, options.maxBatch).map((w) => w.item);
      waiting = waiting.slice(batch.length);
      inFlight++;
      lastStartedAt = now;
      void options.run(batch).finally(() => {
        inFlight--;
        flush();
      });
    }
    if (waiting.length === 0) clearTimer();
  };

  return {
    add(item) {
      waiting.push({ item, since: performance.now() });
      flush();
    },
  };
}
