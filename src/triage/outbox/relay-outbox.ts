import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { inTransaction, type PgPool } from '../../platform/database/create-pg-pool.ts';
import { type BackgroundLoopMetrics, createBackgroundLoop } from '../../platform/process/background-loop.ts';
import type { QueueName } from '../queues/queue-names.ts';
import { outboxJobId, outboxRoutes } from './outbox-routes.ts';

export interface OutboxRelayOptions {
  /** Where its loop counts rounds; none in tests that do not look. */
  loopMetrics?: BackgroundLoopMetrics | undefined;
  pool: PgPool;
  queues: ReadonlyMap<QueueName, Queue>;
  logger: Logger;
  intervalMs: number;
  batchSize: number;
}

export interface OutboxRelay {
  start(): void;
  /** Relay now (a commit just wrote outbox rows) instead of at the next poll. */
  kick(): void;
  stop(): Promise<void>;
  /** Moves one batch; returns how many rows were dispatched. */
  runOnce(): Promise<number>;
}

/**
 * Moves committed outbox rows into BullMQ. Rows are locked, added as jobs (job id = row id, data =
 * ids only) and marked dispatched in one transaction: if Redis is down the transaction rolls back
 * and the rows wait; if the process dies after the add, the same job id makes the next add a no-op.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { pool, logger } = options;
  const topics = Object.keys(outboxRoutes);

  const runOnce = async (): Promise<number> =>
    inTransaction(pool, {}, async (tx) => {
      const { rows } = await tx.query<{ id: string; topic: string; aggregate_id: string }>({
        name: 'outbox-claim',
        text: `SELECT id::text, topic, aggregate_id FROM outbox
               WHERE dispatched_at IS NULL AND topic = ANY($1::text[])
               ORDER BY id LIMIT $2
               FOR UPDATE SKIP LOCKED`,
        values: [topics, options.batchSize],
      });
      if (rows.length === 0) return 0;
      const byQueue = new Map<QueueName, Parameters<Queue['addBulk']>[0]>();
      for (const row of rows) {
        const route = outboxRoutes[row.topic];
        if (!route) continue;
        const jobs = byQueue.get(route.queue) ?? [];
        jobs.push({
          name: route.jobName,
          data: route.data({ id: BigInt(row.id), aggregateId: row.aggregate_id }),
          opts: { ...route.options, jobId: outboxJobId(row.id) },
        });
        byQueue.set(route.queue, jobs);
      }
      for (const [name, jobs] of byQueue) {
        const queue = options.queues.get(name);
        if (!queue) throw new Error(`no queue ${name} for the outbox relay`);
        // A Redis that hangs must not hold the transaction (and the rows' locks) for ever.
        await withTimeout(queue.addBulk(jobs), addTimeoutMs, 'adding jobs to Redis timed out');
      }
      await tx.query({
        name: 'outbox-dispatched',
        text: 'UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])',
        values: [rows.map((r) => r.id)],
      });
      return rows.length;
    });

  const loop = createBackgroundLoop({
    name: 'outbox_relay',
    metrics: options.loopMetrics,
    // A full batch means more are waiting.
    round: async () => (await runOnce()) >= options.batchSize,
    onError: (error) =>
      logger.warn(
        { err: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
        'outbox relay failed; will retry',
      ),
    intervalMs: options.intervalMs,
    // After a failure (Redis or PostgreSQL down), kicks wait for the next poll.
    pauseAfterErrorMs: options.intervalMs,
  });

  return {
    start: () => loop.start(),
    kick: () => loop.kick(),
    stop: () => loop.stop(),
    runOnce,
  };
}

const addTimeoutMs = 10_000;

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timeout: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timeout = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timeout));
}
