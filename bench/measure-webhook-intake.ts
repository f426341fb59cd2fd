import type { BenchSystem } from './bench-system.ts';
import { type CpuShare, cpuShareBetween, takeCpuSnapshot } from './cpu-usage.ts';
import {
  type DrainResult,
  pendingInboundEvents,
  processedInboundEvents,
  waitForDrain,
} from './intake-backlog.ts';
import { type LoadResult, runClosedLoop, runOpenLoop } from './load-generator.ts';
import { WebhookClient } from './webhook-client.ts';

export interface WebhookIntakeResult {
  /** As fast as possible at `clients` concurrent connections. */
  peak: LoadResult;
  /** Open loop at half the peak rate. */
  half: LoadResult;
  /**
   * As fast as possible with updates that name no chat: the acknowledgement path without the
   * conversation intake competing for the process and its connection pool.
   */
  ackPathAlone: LoadResult;
  /** Acknowledged but not yet processed when each load stopped, and how long processing took to catch up. */
  afterPeak: { pending: number; drain: DrainResult };
  afterHalf: { pending: number; drain: DrainResult };
  /** Inbound events the conversation intake processed per second, from the peak's start until it caught up. */
  processedPerSecond: number;
  cpu: { peak: CpuShare; half: CpuShare; ackPathAlone: CpuShare };
  /** Web-process CPU per acknowledged update on the ack path alone, in ms. */
  webCpuMsPerAck: number;
}

/**
 * (b) Authenticated Telegram updates persisted and acknowledged per second. First updates that
 * name no chat (the acknowledgement path alone, nothing for the conversation intake to do), then
 * a short warm-up of chat messages, then `clients` connections as fast as possible for
 * `durationMs`, then an open loop at half the peak rate for the same time; each load of chat
 * messages is followed by a capped wait for the intake to process its backlog.
 */
export async function measureWebhookIntake(options: {
  system: BenchSystem;
  clients: number;
  durationMs: number;
  drainCapMs: number;
  nextUpdate: () => Buffer;
  nextChatlessUpdate: () => Buffer;
  log: (line: string) => void;
}): Promise<WebhookIntakeResult> {
  const { system, log } = options;
  const pids = { web: system.web.pid, worker: system.worker.pid };
  const closedClient = new WebhookClient(system.webhookUrl, system.secret, options.clients);
  const openSockets = Math.max(64, options.clients * 8);
  const openClient = new WebhookClient(system.webhookUrl, system.secret, openSockets);
  try {
    // The acknowledgement path alone first, while the conversation intake has nothing to do.
    await runClosedLoop({
      client: closedClient,
      concurrency: options.clients,
      durationMs: 1000,
      nextBody: options.nextChatlessUpdate,
    });
    log(
      `  ack path alone (updates naming no chat): ${options.clients} connections, ${options.durationMs / 2000} s`,
    );
    let before = takeCpuSnapshot(pids);
    const ackPathAlone = await runClosedLoop({
      client: closedClient,
      concurrency: options.clients,
      durationMs: options.durationMs / 2,
      nextBody: options.nextChatlessUpdate,
    });
    const ackPathCpu = cpuShareBetween(before, takeCpuSnapshot(pids));
    log(`    ${ackPathAlone.acknowledgedPerSecond}/s acknowledged, p99 ${ackPathAlone.latency.p99Ms} ms`);

    log('  warm-up of the conversation path, 1 s');
    await runClosedLoop({
      client: closedClient,
      concurrency: options.clients,
      durationMs: 1000,
      nextBody: options.nextUpdate,
    });
    await waitForDrain(() => pendingInboundEvents(system.db), options.drainCapMs);

    log(`  peak: ${options.clients} connections, ${options.durationMs / 1000} s`);
    const peakStartedAt = Date.now();
    before = takeCpuSnapshot(pids);
    const peak = await runClosedLoop({
      client: closedClient,
      concurrency: options.clients,
      durationMs: options.durationMs,
      nextBody: options.nextUpdate,
    });
    const peakCpu = cpuShareBetween(before, takeCpuSnapshot(pids));
    const afterPeak = {
      pending: await pendingInboundEvents(system.db),
      drain: await waitForDrain(() => pendingInboundEvents(system.db), options.drainCapMs),
    };
    const caughtUpAt = Date.now();
    const processed = await processedInboundEvents(system.db, peakStartedAt, caughtUpAt);
    log(
      `    ${peak.acknowledgedPerSecond}/s acknowledged; backlog ${afterPeak.pending}, drain ${describeDrain(afterPeak.drain)}`,
    );

    const rate = Math.max(1, Math.round(peak.acknowledgedPerSecond / 2));
    log(`  half rate: ${rate}/s open loop, ${options.durationMs / 1000} s`);
    before = takeCpuSnapshot(pids);
    const half = await runOpenLoop({
      client: openClient,
      ratePerSecond: rate,
      durationMs: options.durationMs,
      maxSockets: openSockets,
      nextBody: options.nextUpdate,
    });
    const halfCpu = cpuShareBetween(before, takeCpuSnapshot(pids));
    const afterHalf = {
      pending: await pendingInboundEvents(system.db),
      drain: await waitForDrain(() => pendingInboundEvents(system.db), options.drainCapMs),
    };
    log(
      `    p50 ${half.latency.p50Ms} ms, p99 ${half.latency.p99Ms} ms; backlog ${afterHalf.pending}, drain ${describeDrain(afterHalf.drain)}`,
    );

    return {
      peak,
      half,
      ackPathAlone,
      afterPeak,
      afterHalf,
      processedPerSecond: Math.round(processed / ((caughtUpAt - peakStartedAt) / 1000)),
      cpu: { peak: peakCpu, half: halfCpu, ackPathAlone: ackPathCpu },
      webCpuMsPerAck:
        Math.round(
          (((ackPathCpu.cores.web ?? 0) * ackPathCpu.wallSeconds * 1000) /
            Math.max(1, ackPathAlone.acknowledged)) *
            100,
        ) / 100,
    };
  } finally {
    closedClient.close();
    openClient.close();
  }
}

export function describeDrain(drain: DrainResult): string {
  return drain.drained ? `${drain.seconds} s` : `not done after ${drain.seconds} s (${drain.remaining} left)`;
}
