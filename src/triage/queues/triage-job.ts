import { z } from 'zod';
import { queueNames } from './queue-names.ts';

/**
 * The triage job, declared as data. Its payload is ids only; `outboxId` names the outbox row that
 * caused it (the job id is derived from it, so a relay that runs twice adds the job once).
 */
export const triageJob = {
  queue: queueNames.triage,
  name: 'triage-report',
  version: 1,
  payload: z.object({ reportId: z.uuid(), outboxId: z.string().regex(/^\d+$/) }).strict(),
  options: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
} as const;

export type TriageJobData = z.infer<typeof triageJob.payload>;
