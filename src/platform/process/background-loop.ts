/** Where a loop counts its rounds (prom-client's Counter and Histogram fit). */
export interface BackgroundLoopMetrics {
  rounds: { inc(labels: { loop: string; result: RoundResult }): void };
  roundSeconds: { observe(labels: { loop: string }, seconds: number): void };
}

/** `more`: the round had a full batch and goes again at once; `done`: it ran out of work. */
export type RoundResult = 'more' | 'done' | 'failed';

export interface BackgroundLoopOptions {
  /** Names the loop in its metrics (`loop` label). */
  name: string;
  metrics?: BackgroundLoopMetrics | undefined;
  /**
   * One round of work. Resolves true when there may be more at once (a full batch): the loop goes
   * round again without waiting. A round that throws ends the loop until the next kick or tick.
   */
  round: () => Promise<boolean>;
  /** A round threw: log it (the loop stays alive). */
  onError: (error: unknown) => void;
  /** How often a round runs without being kicked (a sweep for work nobody announced). */
  intervalMs: number;
  /** Rounds running at once; each takes its own share of the work. Default 1. */
  concurrency?: number;
  /** After a failed round, kicks are ignored for this long and only the interval retries. Default 0. */
  pauseAfterErrorMs?: number;
  /** Whether `start` runs a round at once, or waits for the first interval. Default true. */
  runAtStart?: boolean;
}

export interface BackgroundLoop {
  start(): void;
  /** There may be work now (a commit was heard): make sure a round runs soon. */
  kick(): void;
  /** Stops taking work and waits for the rounds under way. */
  stop(): Promise<void>;
  /** Resolves when no round is running. */
  idle(): Promise<void>;
}

/**
 * The loop every background worker of the system runs: rounds on a kick or on an interval, back
 * to back while there is more, up to `concurrency` at once; a kick during a round asks for one
 * more round rather than a second loop; an error pauses kicks; `stop` lets the rounds under way
 * finish.
 * @example createBackgroundLoop({ round: async () => (await relayBatch()) === batchSize, onError, intervalMs: 200 })
 */
export function createBackgroundLoop(options: BackgroundLoopOptions): BackgroundLoop {
  const concurrency = options.concurrency ?? 1;
  const pauseAfterErrorMs = options.pauseAfterErrorMs ?? 0;
  let running = 0;
  let again = false;
  let stopped = true;
  let failedAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  let idleWaiters: (() => void)[] = [];

  const record = (result: RoundResult, started: number) => {
    options.metrics?.rounds.inc({ loop: options.name, result });
    options.metrics?.roundSeconds.observe({ loop: options.name }, (performance.now() - started) / 1000);
  };

  const run = async () => {
    try {
      while (!stopped) {
        again = false;
        let more: boolean;
        const started = performance.now();
        try {
          more = await options.round();
          record(more ? 'more' : 'done', started);
        } catch (error) {
          record('failed', started);
          failedAt = Date.now();
          options.onError(error);
          break;
        }
        if (!more && !again) break;
      }
    } finally {
      running--;
      if (running === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    }
  };

  const wake = () => {
    if (stopped) return;
    again = true;
    if (running < concurrency) {
      running++;
      void run();
    }
  };

  const loop: BackgroundLoop = {
    start() {
      stopped = false;
      timer = setInterval(wake, options.intervalMs);
      timer.unref();
      if (options.runAtStart ?? true) wake();
    },
    kick() {
      if (Date.now() - failedAt >= pauseAfterErrorMs) wake();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await loop.idle();
    },
    idle() {
      if (running === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
  return loop;
}
