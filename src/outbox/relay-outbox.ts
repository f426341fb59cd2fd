import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { inTransaction, type PgPool } from '../database/create-pg-pool.ts';
import type { QueueName } from '../queues/queue-names.ts';
import { outboxJobId, outboxRoutes } from './outbox-routes.ts';

export interface OutboxRelayOptions {
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
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;

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
        await queue.addBulk(jobs);
      }
      await tx.query({
        name: 'outbox-dispatched',
        text: 'UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])',
        values: [rows.map((r) => r.id)],
      });
      return rows.length;
    });

  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    try {
      do {
        again = false;
        running = runOnce();
      } while ((await running) >= options.batchSize || again);
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
        'outbox relay failed; will retry',
      );
    } finally {
      running = null;
    }
  };

  return {
    start() {
      timer = setInterval(() => void tick(), options.intervalMs);
      timer.unref();
      void tick();
    },
    kick() {
      if (timer) void tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => 0);
    },
    runOnce,
  };
}
