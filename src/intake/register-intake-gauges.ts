import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../platform/database/create-database-client.ts';
import { createInboundEventCounter } from './inbox/inbound-event-counter.ts';

/**
 * Gauges read at scrape time from the source of truth, so every process reports the same numbers:
 * inbound events by outcome, reports not yet triaged, and queue depths by state.
 */
export function registerIntakeGauges(registry: Registry, db: Database, queues: readonly Queue[]): void {
  // Settled events are counted once, not at every scrape (see createInboundEventCounter).
  const countInboundEvents = createInboundEventCounter(db);
  new Gauge({
    name: 'tinbao_inbound_events',
    help: 'Inbound platform events by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const count of await countInboundEvents()) {
        this.set({ channel: count.channel, outcome: count.outcome }, count.n);
      }
    },
  });
  new Gauge({
    name: 'tinbao_reports_untriaged',
    help: 'Submitted reports not yet triaged',
    registers: [registry],
    async collect() {
      const [row] = await db.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM report WHERE triaged_at IS NULL`;
      this.set(Number(row?.n ?? 0));
    },
  });
  new Gauge({
    name: 'tinbao_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of queues) {
        const counts = await queue.getJobCounts(
          'waiting',
          'active',
          'delayed',
          'failed',
          'completed',
          'prioritized',
        );
        for (const [state, n] of Object.entries(counts)) this.set({ queue: queue.name, state }, n);
      }
    },
  });
}
