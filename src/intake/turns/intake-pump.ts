import type { Logger } from 'pino';
import { inTransaction, type PgPool } from '../../platform/database/create-pg-pool.ts';
import { isTransientDatabaseError } from '../../platform/database/is-transient-database-error.ts';
import { type BackgroundLoopMetrics, createBackgroundLoop } from '../../platform/process/background-loop.ts';
import { TurnBatchError, type TurnBatchResult } from './process-turn-batch.ts';

export interface IntakePumpOptions {
  /** Where its loop counts rounds; none in tests that do not look. */
  loopMetrics?: BackgroundLoopMetrics | undefined;
  pool: PgPool;
  logger: Logger;
  /** One transaction of turns for the chats with the oldest pending events nobody else holds. */
  processBatch: () => Promise<TurnBatchResult>;
  /** One transaction for the oldest pending event of one chat (to find an event that fails). */
  processChat: (chatKey: string) => Promise<TurnBatchResult>;
  /** Called after events were committed, so replies, button answers and triage go out at once. */
  onProcessed: (result: ProcessedTurns) => void;
  /** Transactions of turns running at once (each on a connection of its own). */
  concurrency: number;
  /** Most events of one chat in a batch: a failing batch is retried that far, one by one. */
  eventsPerChat: number;
  /** How often to look for events nobody is processing (after a crash, a redeploy). */
  sweepIntervalMs: number;
}

/** What committed turns leave to do right away. */
export interface ProcessedTurns {
  submitted: number;
}

export interface IntakePump {
  /** There may be pending events (a commit was heard, a sweep is due): process them. */
  kick(): void;
  start(): void;
  /** Stops taking work and waits for the transactions under way. */
  stop(): Promise<void>;
  /** Resolves when nothing is running (tests, graceful shutdown). */
  idle(): Promise<void>;
}

/**
 * Drives processing of committed inbound events. Each kick (a commit heard, a timer, a batch that
 * came back full) makes sure a batch loop runs; up to `concurrency` loops run at once and each
 * takes the chats it can lock, so a backlog is shared out and each chat's events still go one
 * after another. A loop ends when a batch finds nothing to take and no kick came in the meantime.
 *
 * A batch that fails on a database outage is left for the next kick. One that fails for another
 * reason (a handling bug, a payload that breaks the engine) is retried chat by chat and event by
 * event, and the event that still fails alone is quarantined, so one bad event cannot hold up
 * the others.
 */
export function createIntakePump(options: IntakePumpOptions): IntakePump {
  let stopping = false;
  const loop = createBackgroundLoop({
    name: 'intake_pump',
    metrics: options.loopMetrics,
    round: async () => (await runBatch()) > 0,
    onError: (error) => options.logger.error({ err: describe(error) }, 'turn batch loop failed'),
    intervalMs: options.sweepIntervalMs,
    concurrency: options.concurrency,
  });

  /** Events settled by one batch (or by isolating a failed one); 0 when there was nothing to do. */
  const runBatch = async (): Promise<number> => {
    try {
      const result = await options.processBatch();
      if (result.events > 0) options.onProcessed(result);
      // A full batch means a backlog: let another transaction share it.
      if (result.full) pump.kick();
      return result.events;
    } catch (error) {
      const cause = error instanceof TurnBatchError ? error.cause : error;
      if (isTransientDatabaseError(cause)) {
        options.logger.warn({ err: describe(cause) }, 'database unavailable: events left for the next sweep');
        return 0;
      }
      options.logger.error({ err: describe(cause) }, 'turn batch failed: its chats are retried one by one');
      const total: ProcessedTurns = { submitted: 0 };
      let settled = 0;
      for (const chatKey of error instanceof TurnBatchError ? error.chatKeys : []) {
        settled += await isolate(chatKey, total);
      }
      if (settled > 0) options.onProcessed(total);
      return settled;
    }
  };

  /**
   * The chat's events one per transaction; the one that fails alone is quarantined, by its id and
   * under the chat's lock, so a concurrent isolation of the same chat cannot quarantine another.
   */
  const isolate = async (chatKey: string, total: ProcessedTurns): Promise<number> => {
    let settled = 0;
    for (let i = 0; i < options.eventsPerChat && !stopping; i++) {
      try {
        const result = await options.processChat(chatKey);
        if (result.events === 0) break;
        total.submitted += result.submitted;
      } catch (error) {
        const cause = error instanceof TurnBatchError ? error.cause : error;
        const eventId = error instanceof TurnBatchError ? error.eventIds[0] : undefined;
        if (isTransientDatabaseError(cause) || eventId === undefined) break;
        options.logger.error({ eventId, err: describe(cause) }, 'inbound event failed: quarantined');
        const quarantined = await quarantine(chatKey, eventId, cause).then(
          () => true,
          () => false,
        );
        if (!quarantined) break;
      }
      settled++;
    }
    return settled;
  };

  const quarantine = (chatKey: string, eventId: string, error: unknown) =>
    inTransaction(options.pool, { lockKey: chatKey }, (tx) =>
      tx.query(
        `UPDATE inbound_event SET outcome = 'quarantined', outcome_detail = $2, processed_at = now()
         WHERE id = $1 AND outcome = 'pending'`,
        [eventId, `processing failed: ${error instanceof Error ? error.name : 'unknown'}`],
      ),
    );

  const pump: IntakePump = {
    kick: () => loop.kick(),
    start() {
      stopping = false;
      loop.start();
    },
    async stop() {
      stopping = true;
      await loop.stop();
    },
    idle: () => loop.idle(),
  };
  return pump;
}

/** Error name and message only: messages from our own code never carry tip text or identities. */
function describe(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message.slice(0, 300) };
  return { name: typeof error, message: '' };
}
