import type { JobsOptions } from 'bullmq';
import type { QueueName } from '../queues/queue-names.ts';
import { triageJob } from '../queues/triage-job.ts';

export interface OutboxRoute {
  queue: QueueName;
  jobName: string;
  options: JobsOptions;
  /** The job's data: ids only. */
  data(row: { id: bigint; aggregateId: string }): Record<string, string>;
}

/** Which queue and job each outbox topic is relayed to; topics without an entry wait for one. */
export const outboxRoutes: Readonly<Record<string, OutboxRoute>> = {
  'report.submitted': {
    queue: triageJob.queue,
    jobName: triageJob.name,
    options: triageJob.options,
    data: (row) => ({ reportId: row.aggregateId, outboxId: String(row.id) }),
  },
};

/** One job id per outbox row: BullMQ ignores a second add while the first is stored. */
export function outboxJobId(outboxId: bigint | string): string {
  return `outbox-${outboxId}`;
}
