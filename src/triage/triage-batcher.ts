import type { PgPool } from '../platform/database/create-pg-pool.ts';
import { createBatcher } from '../platform/process/batcher.ts';
import {
  type TriageOutcome,
  type TriageSettings,
  triageSubmittedReports,
} from './triage-submitted-report.ts';

export interface TriageBatcherOptions {
  pool: PgPool;
  settings: TriageSettings;
  /** Most reports in one batch (the triage jobs running at once are a natural bound). */
  maxBatch: number;
  /** How long the first report of a batch waits for others (0: the next turn of the event loop). */
  waitMs: number;
}

export interface TriageBatcher {
  /** Triages one report together with the others asked for meanwhile. */
  triage(reportId: string): Promise<TriageOutcome>;
}

interface Waiting {
  reportId: string;
  resolve: (outcome: TriageOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the triage jobs running at once into batches of `triageSubmittedReports`: two
 * statements and one commit for the whole batch instead of for each report. One batch runs at a
 * time; the reports asked for meanwhile form the next, which starts when the running one ends and
 * its first report has waited `waitMs` (or the batch is full). A report's own failure rejects its
 * job alone; a database failure rejects every job of the batch, and BullMQ retries them.
 */
export function createTriageBatcher(options: TriageBatcherOptions): TriageBatcher {
  const runBatch = async (batch: Waiting[]) => {
    try {
      const ids = [...new Set(batch.map((item) => item.reportId.toLowerCase()))];
      const results = await triageSubmittedReports(options.pool, options.settings, ids);
      // A report asked for twice in one batch was triaged once: the second job was a repeat.
      const answered = new Set<string>();
      for (const item of batch) {
        const id = item.reportId.toLowerCase();
        const result = results.get(id);
        if (!result) item.reject(new Error('no triage result'));
        else if (result.outcome === 'error') item.reject(result.error);
        else if (result.outcome === 'triaged' && answered.has(id))
          item.resolve({ outcome: 'already_triaged' });
        else item.resolve(result);
        answered.add(id);
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  };

  const batcher = createBatcher<Waiting>({
    maxBatch: options.maxBatch,
    maxInFlight: 1,
    // The first report waits up to `waitMs` for company, unless the batch is full already.
    delayBeforeStart: ({ waiting, firstWaitingSince, now }) =>
      waiting >= options.maxBatch ? 0 : Math.max(0, options.waitMs - (now - firstWaitingSince)),
    run: runBatch,
  });

  return {
    triage(reportId) {
      return new Promise<TriageOutcome>((resolve, reject) => batcher.add({ reportId, resolve, reject }));
    },
  };
}
