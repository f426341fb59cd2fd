import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { BackgroundLoopMetrics } from '../process/background-loop.ts';

/** The metric objects one process records into; `/metrics` serves the registry. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tinbao_' });
  return {
    registry,
    triageJobs: new Counter({
      name: 'tinbao_triage_jobs_total',
      help: 'Triage jobs by result (triaged, already_triaged, failed, poisoned)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    triageJobDuration: new Histogram({
      name: 'tinbao_triage_job_duration_seconds',
      help: 'Time a triage job took in the worker',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    loopRounds: new Counter({
      name: 'tinbao_loop_rounds_total',
      help: 'Rounds of each background loop (intake pump, outbox relay, dispatcher, reconciler) by result',
      labelNames: ['loop', 'result'] as const,
      registers: [registry],
    }),
    loopRoundDuration: new Histogram({
      name: 'tinbao_loop_round_duration_seconds',
      help: 'Time one round of a background loop took',
      labelNames: ['loop'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
      registers: [registry],
    }),
    triageLag: new Histogram({
      name: 'tinbao_triage_lag_seconds',
      help: 'From submission (commit of the report) to triaged',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The part of the metrics a background loop records into. */
export function loopMetrics(metrics: Metrics): BackgroundLoopMetrics {
  return { rounds: metrics.loopRounds, roundSeconds: metrics.loopRoundDuration };
}
