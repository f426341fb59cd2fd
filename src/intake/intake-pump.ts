import type { Logger } from 'pino';
import type { PgPool } from '../database/create-pg-pool.ts';
import { isTransientDatabaseError } from '../database/is-transient-database-error.ts';

export interface IntakePumpOptions {
  pool: PgPool;
  logger: Logger;
  /** Processes the oldest pending event of a chat; false when none is left. */
  processOne: (chatKey: string) => Promise<boolean>;
  /** Called after events were committed, so replies go out at once. */
  onProcessed: () => void;
  concurrency: number;
  /** How often to look for events nobody is processing (after a crash, a redeploy). */
  sweepIntervalMs: number;
}

export interface IntakePump {
  schedule(chatKey: string): void;
  /** Schedules every chat with pending events; also runs on a timer. */
  sweep(): Promise<void>;
  start(): void;
  /** Stops sweeping and waits for the chats being processed. */
  stop(): Promise<void>;
  /** Resolves when nothing is queued or running (tests, graceful shutdown). */
  idle(): Promise<void>;
}

/**
 * Drives processing of committed inbound events: chats are processed concurrently, each chat's
 * events one after another. Processing is triggered right after a webhook commit and by a sweep,
 * so an event committed by a process that died is still processed. A handling bug quarantines
 * the event that caused it; a database outage leaves it pending for the next sweep.
 */
export function createIntakePump(options: IntakePumpOptions): IntakePump {
  const queued = new Set<string>();
  const running = new Set<string>();
  const rerun = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let idleWaiters: (() => void)[] = [];

  const drain = () => {
    for (const chatKey of queued) {
      if (running.size >= options.concurrency) break;
      queued.delete(chatKey);
      running.add(chatKey);
      void run(chatKey);
    }
    if (queued.size === 0 && running.size === 0) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  };

  const run = async (chatKey: string) => {
    try {
      let processed = 0;
      while (await options.processOne(chatKey)) processed++;
      if (processed > 0) options.onProcessed();
    } catch (error) {
      if (isTransientDatabaseError(error)) {
        options.logger.warn({ err: describe(error) }, 'database unavailable: chat left for the next sweep');
      } else {
        options.logger.error({ err: describe(error) }, 'inbound event failed: quarantined');
        // The chat moves on past the bad event; if even quarantining fails, the sweep retries it.
        const quarantined = await quarantineOldest(chatKey, error).then(
          () => true,
          () => false,
        );
        if (quarantined) rerun.add(chatKey);
      }
    } finally {
      running.delete(chatKey);
      if (rerun.delete(chatKey)) queued.add(chatKey);
      drain();
    }
  };

  const quarantineOldest = async (chatKey: string, error: unknown) => {
    const reason = `processing failed: ${error instanceof Error ? error.name : 'unknown'}`;
    await options.pool.query(
      `UPDATE inbound_event SET outcome = 'quarantined', outcome_detail = $2, processed_at = now()
       WHERE outcome = 'pending'
         AND id = (SELECT id FROM inbound_event WHERE chat_key = $1 AND outcome = 'pending' ORDER BY id LIMIT 1)`,
      [chatKey, reason],
    );
  };

  const pump: IntakePump = {
    schedule(chatKey) {
      if (running.has(chatKey)) rerun.add(chatKey);
      else queued.add(chatKey);
      drain();
    },
    async sweep() {
      try {
        const { rows } = await options.pool.query<{ chat_key: string }>(
          `SELECT DISTINCT chat_key FROM inbound_event WHERE outcome = 'pending' AND chat_key IS NOT NULL LIMIT 500`,
        );
        for (const row of rows) pump.schedule(row.chat_key);
      } catch (error) {
        options.logger.warn({ err: describe(error) }, 'sweep for pending events failed');
      }
    },
    start() {
      void pump.sweep();
      timer = setInterval(() => void pump.sweep(), options.sweepIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      queued.clear();
      await pump.idle();
    },
    idle() {
      if (queued.size === 0 && running.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
  return pump;
}

/** Error name and message only: messages from our own code never carry tip text or identities. */
function describe(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message.slice(0, 300) };
  return { name: typeof error, message: '' };
}
