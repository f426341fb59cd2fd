import type { BenchSystem } from './bench-system.ts';
import { type CpuShare, cpuShareBetween, takeCpuSnapshot } from './cpu-usage.ts';
import {
  type DrainResult,
  describeDrain,
  pendingInboundEvents,
  processedInboundEvents,
  waitForDrain,
} from './intake-backlog.ts';
import { type LoadResult, runClosedLoop, runOpenLoop } from './load-generator.ts';
import { WebhookClient } from './webhook-client.ts';

export interface WebhookIntakeResult {
  /**
   * The intake's capacity: `clients` connections as fast as possible against the web process and
   * PostgreSQL alone, the worker stopped (as pgbench measures inserts with nothing else running,
   * and as when a worker is down: the web keeps committing and answering).
   */
  peak: LoadResult;
  /** Open loop at half the peak rate, also with the worker stopped. */
  half: LoadResult;
  /** As fast as possible while the worker turns each update into a conversation turn at once. */
  withConversations: LoadResult;
  /** Acknowledged but not yet processed when that load stopped, and how long processing took to catch up. */
  afterWithConversations: { pending: number; drain: DrainResult };
  /** Inbound events the conversation intake processed per second, from that load's start until it caught up. */
  processedPerSecond: number;
  /**
   * What the web alone left pending, processed by the worker once started again (capped wait),
   * timed from the restart call: its start-up is included.
   */
  backlog: { pending: number; drain: DrainResult; processedPerSecond: number };
  cpu: { peak: CpuShare; half: CpuShare; withConversations: CpuShare };
  /** Web-process CPU per acknowledged update at the intake's peak, in ms. */
  webCpuMsPerAck: number;
}

/**
 * (b) Authenticated Telegram updates (text messages of `chats` chats) persisted and acknowledged
 * per second. With the whole system running: a warm-up of `warmUpMs`, then `clients` connections as fast
 * as possible for `durationMs` while the worker processes each update as it comes, and a capped
 * wait for it to catch up. Then the worker is stopped, and the intake alone (web process and
 * PostgreSQL) takes `clients` connections as fast as possible and an open loop at half that rate;
 * the worker is started again and processes what they left, within the drain cap.
 */
export async function measureWebhookIntake(options: {
  system: BenchSystem;
  clients: number;
  durationMs: number;
  drainCapMs: number;
  /** Load before the first measurement, not counted. */
  warmUpMs: number;
  nextUpdate: () => Buffer;
  log: (line: string) => void;
}): Promise<WebhookIntakeResult> {
  const { system, log } = options;
  const pending = () => pendingInboundEvents(system.db);
  const pids = () => ({
    web: system.web.pid,
    ...(system.worker ? { worker: system.worker.pid } : {}),
  });
  const closedClient = new WebhookClient(system.webhookUrl, system.secret, options.clients);
  const openSockets = Math.max(64, options.clients * 8);
  const openClient = new WebhookClient(system.webhookUrl, system.secret, openSockets);
  const closedLoop = (durationMs: number) =>
    runClosedLoop({
      client: closedClient,
      concurrency: options.clients,
      durationMs,
      nextBody: options.nextUpdate,
    });
  try {
    log(`  warm-up, ${options.warmUpMs / 1000} s`);
    await closedLoop(options.warmUpMs);
    await waitForDrain(pending, options.drainCapMs);

    log(
      `  with the worker processing conversations: ${options.clients} connections, ${options.durationMs / 1000} s`,
    );
    const startedAt = Date.now();
    let before = takeCpuSnapshot(pids());
    const withConversations = await closedLoop(options.durationMs);
    const withConversationsCpu = cpuShareBetween(before, takeCpuSnapshot(pids()));
    const afterWithConversations = {
      pending: await pending(),
      drain: await waitForDrain(pending, options.drainCapMs),
    };
    const caughtUpAt = Date.now();
    const processed = await processedInboundEvents(system.db, startedAt, caughtUpAt);
    log(
      `    ${withConversations.acknowledgedPerSecond}/s acknowledged; backlog ${afterWithConversations.pending}, ${describeDrain(afterWithConversations.drain)}`,
    );

    await system.stopWorker();
    log(`  intake alone (worker stopped): ${options.clients} connections, ${options.durationMs / 1000} s`);
    before = takeCpuSnapshot(pids());
    const peak = await closedLoop(options.durationMs);
    const peakCpu = cpuShareBetween(before, takeCpuSnapshot(pids()));
    log(`    ${peak.acknowledgedPerSecond}/s acknowledged, p99 ${peak.latency.p99Ms} ms`);

    const rate = Math.max(1, Math.round(peak.acknowledgedPerSecond / 2));
    log(`  half rate: ${rate}/s open loop, ${options.durationMs / 1000} s`);
    before = takeCpuSnapshot(pids());
    const half = await runOpenLoop({
      client: openClient,
      ratePerSecond: rate,
      durationMs: options.durationMs,
      maxSockets: openSockets,
      nextBody: options.nextUpdate,
    });
    const halfCpu = cpuShareBetween(before, takeCpuSnapshot(pids()));
    log(`    p50 ${half.latency.p50Ms} ms, p99 ${half.latency.p99Ms} ms`);

    // From the restart call: the worker's start-up counts, as it would after an outage.
    const left = await pending();
    const restartedAt = performance.now();
    await system.restartWorker();
    const waited = await waitForDrain(pending, options.drainCapMs);
    const drain = { ...waited, seconds: Math.round((performance.now() - restartedAt) / 100) / 10 };
    const backlog = {
      pending: left,
      drain,
      processedPerSecond: Math.round((left - drain.remaining) / Math.max(0.1, drain.seconds)),
    };
    log(
      `  worker started again: backlog ${left}, ${backlog.processedPerSecond}/s with its start-up, ${describeDrain(drain)}`,
    );

    return {
      peak,
      half,
      withConversations,
      afterWithConversations,
      processedPerSecond: Math.round(processed / ((caughtUpAt - startedAt) / 1000)),
      backlog,
      cpu: { peak: peakCpu, half: halfCpu, withConversations: withConversationsCpu },
      webCpuMsPerAck:
        Math.round(
          (((peakCpu.cores.web ?? 0) * peakCpu.wallSeconds * 1000) / Math.max(1, peak.acknowledged)) * 100,
        ) / 100,
    };
  } finally {
    closedClient.close();
    openClient.close();
  }
}
