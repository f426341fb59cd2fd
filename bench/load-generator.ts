import { type LatencySummary, summariseLatencies } from './percentile.ts';
import type { WebhookClient } from './webhook-client.ts';

export interface LoadResult {
  mode: 'closed-loop' | 'open-loop';
  /** Concurrency (closed loop) or sockets allowed (open loop). */
  connections: number;
  /** Open loop only: the rate asked for. */
  offeredPerSecond?: number;
  sent: number;
  acknowledged: number;
  /** HTTP status (0 = network error or timeout) → count, for every non-200 answer. */
  failures: Record<string, number>;
  elapsedSeconds: number;
  acknowledgedPerSecond: number;
  /** Acknowledgement latency; in the open loop measured from the planned send time. */
  latency: LatencySummary;
}

/**
 * As fast as possible: `concurrency` senders, each posting the next body as soon as the previous
 * one was answered, until `durationMs` has passed.
 */
export async function runClosedLoop(options: {
  client: WebhookClient;
  concurrency: number;
  durationMs: number;
  nextBody: () => Buffer;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let sent = 0;
  const start = performance.now();
  const end = start + options.durationMs;
  const sender = async () => {
    while (performance.now() < end) {
      const body = options.nextBody();
      const began = performance.now();
      sent++;
      const status = await options.client.post(body);
      if (status === 200) latencies.push(performance.now() - began);
      else failures[status] = (failures[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  const elapsedSeconds = (performance.now() - start) / 1000;
  return {
    mode: 'closed-loop',
    connections: options.concurrency,
    sent,
    acknowledged: latencies.length,
    failures,
    elapsedSeconds: round(elapsedSeconds),
    acknowledgedPerSecond: Math.round(latencies.length / elapsedSeconds),
    latency: summariseLatencies(latencies),
  };
}

/**
 * At a fixed rate whatever the answers: request i is due at `start + i / rate`, and its latency is
 * counted from that planned moment, so a stall shows up in the percentiles instead of quietly
 * lowering the rate (no coordinated omission).
 */
export async function runOpenLoop(options: {
  client: WebhookClient;
  ratePerSecond: number;
  durationMs: number;
  maxSockets: number;
  nextBody: () => Buffer;
  /** Stops sending before `durationMs` when aborted (a load kept up while something else is measured). */
  stop?: AbortSignal;
  /** Told of each answer as it comes (its status and latency), for figures per stretch of time. */
  onAnswer?: (status: number, latencyMs: number) => void;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  const total = Math.floor((options.ratePerSecond * options.durationMs) / 1000);
  const interval = 1000 / options.ratePerSecond;
  const start = performance.now();
  let sent = 0;
  const fire = (planned: number) => {
    const body = options.nextBody();
    const done = options.client.post(body).then((status) => {
      const latency = performance.now() - planned;
      options.onAnswer?.(status, latency);
      if (status === 200) latencies.push(latency);
      else failures[status] = (failures[status] ?? 0) + 1;
      inFlight.delete(done);
    });
    inFlight.add(done);
  };
  while (sent < total && !options.stop?.aborted) {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; sent < due; sent++) fire(start + sent * interval);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - start) / 1000;
  return {
    mode: 'open-loop',
    connections: options.maxSockets,
    offeredPerSecond: options.ratePerSecond,
    sent,
    acknowledged: latencies.length,
    failures,
    elapsedSeconds: round(elapsedSeconds),
    acknowledgedPerSecond: Math.round(latencies.length / elapsedSeconds),
    latency: summariseLatencies(latencies),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
