import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Database } from '../../platform/database/create-database-client.ts';
import { type BackgroundLoopMetrics, createBackgroundLoop } from '../../platform/process/background-loop.ts';
import type { QueueName } from '../queues/queue-names.ts';
import { outboxJobId, outboxRoutes } from './outbox-routes.ts';

export interface ReconcileResult {
  /** Jobs added again because Redis no longer had them (a wipe, a lost write). */
  requeued: number;
  /** Reports whose job failed for good: an alert, not something to retry blindly. */
  failedJobs: number;
  /** Outbox rows the relay has not moved within the grace period. */
  undispatched: number;
}

export interface OutboxReconcilerOptions {
  /** Where its loop counts rounds; none in tests that do not look. */
  loopMetrics?: BackgroundLoopMetrics | undefined;
  db: Database;
  queues: ReadonlyMap<QueueName, Queue>;
  logger: Logger;
  intervalMs: number;
  graceSeconds: number;
  /** Other periodic checks of the worker, run after each round (its failure is logged, not thrown). */
  afterRound?: () => Promise<unknown>;
}

/** One reconciler at a time across processes. */
const reconcilerLockKey = 728_201;

/**
 * Finds submitted reports that are not triaged after the grace period and makes sure their job is
 * in Redis, adding it again (same job id) when it is gone. With the outbox this makes a Redis
 * outage or wipe lose nothing: the truth is in PostgreSQL, Redis only carries the work.
 */
export function createOutboxReconciler(options: OutboxReconcilerOptions) {
  const { db, logger } = options;

  // The transaction-scoped lock lives on the transaction's own connection: a session lock taken
  // through a pool could be released on another connection.
  const runOnce = async (): Promise<ReconcileResult | null> =>
    db.$transaction(
      async (tx) => {
        const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
          SELECT pg_try_advisory_xact_lock(${reconcilerLockKey}) AS locked`;
        if (!lock?.locked) return null;
        const result: ReconcileResult = { requeued: 0, failedJobs: 0, undispatched: 0 };
        const stuck = await tx.$queryRaw<{ id: bigint; topic: string; aggregate_id: string }[]>`
          SELECT o.id, o.topic, o.aggregate_id FROM outbox o JOIN report r ON r.id::text = o.aggregate_id
          WHERE o.topic = 'report.submitted' AND o.dispatched_at IS NOT NULL AND r.triaged_at IS NULL
            AND r.submitted_at < now() - make_interval(secs => ${options.graceSeconds})
          ORDER BY o.id LIMIT 5000`;
        for (const row of stuck) {
          const route = outboxRoutes[row.topic];
          const queue = route ? options.queues.get(route.queue) : undefined;
          if (!route || !queue) continue;
          const jobId = outboxJobId(row.id);
          const job = await queue.getJob(jobId);
          if (job) {
            if (await job.isFailed()) result.failedJobs++;
            continue;
          }
          await queue.add(route.jobName, route.data({ id: row.id, aggregateId: row.aggregate_id }), {
            ...route.options,
            jobId,
          });
          result.requeued++;
        }
        const [late] = await tx.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM outbox
          WHERE dispatched_at IS NULL AND created_at < now() - make_interval(secs => ${options.graceSeconds})`;
        result.undispatched = Number(late?.n ?? 0);
        if (result.requeued > 0 || result.failedJobs > 0 || result.undispatched > 0) {
          logger.warn(result, 'reconciler found unfinished work');
        }
        return result;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );

  const failed = (message: string) => (error: unknown) => {
    logger.warn({ err: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }, message);
    return null;
  };
  const loop = createBackgroundLoop({
    name: 'outbox_reconciler',
    metrics: options.loopMetrics,
    round: async () => {
      await runOnce().catch(failed('reconciler round failed'));
      await options.afterRound?.().catch(failed('reconciler follow-up failed'));
      return false;
    },
    onError: failed('reconciler round failed'),
    intervalMs: options.intervalMs,
    runAtStart: false,
  });

  return {
    runOnce,
    start: () => loop.start(),
    stop: () => loop.stop(),
  };
}

export type OutboxReconciler = ReturnType<typeof createOutboxReconciler>;
