import { createDatabaseClient } from '../src/platform/database/create-database-client.ts';
import { readIntakeReconciliation } from '../src/supervision/reconciliation/read-intake-reconciliation.ts';
import type { FakeTelegramServer } from '../test/fakes/fake-telegram-server.ts';
import type { BenchSystem } from './bench-system.ts';
import { type CpuShare, cpuShareBetween, takeCpuSnapshot } from './cpu-usage.ts';
import {
  type DrainResult,
  describeDrain,
  inboundProcessingLag,
  processedInboundEvents,
  waitForDrain,
} from './intake-backlog.ts';
import { type LatencySummary, summariseLatencies } from './percentile.ts';
import { WebhookClient } from './webhook-client.ts';

export interface EndToEndResult {
  parallelConversations: number;
  loadSeconds: number;
  /** Conversations whose confirm update was acknowledged (200) during the load. */
  confirmed: number;
  /** Conversations cut off when the load stopped, or by a non-200 answer. */
  unfinished: number;
  /** Answers other than 200 by status, the warm-up's included. */
  failures: Record<string, number>;
  updatesAcknowledged: number;
  updatesPerSecond: number;
  ackLatency: LatencySummary;
  /** Reports submitted since the measured load started, and of those the triaged. */
  reports: number;
  triaged: number;
  /** Triaged reports per second from the load's start to the last report's triage (load + drain). */
  completedPerSecond: number;
  /** Reports triaged while the load ran, per second of load. */
  triagedDuringLoadPerSecond: number;
  /** From the end of the load until every confirmed report was triaged (capped). */
  drain: DrainResult;
  triageLag: {
    p50Ms: number | null;
    p95Ms: number | null;
    maxMs: number | null;
    relayP95Ms: number | null;
    jobP95Ms: number | null;
  };
  intakeLag: { events: number; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };
  /** Over the whole database, the warm-up included. */
  inboundByOutcome: Record<string, number>;
  /**
   * By status over the whole database; `sentByFake` since the measured load started; 429s over
   * the whole bench run.
   */
  outbound: { byStatus: Record<string, number>; sentByFake: number; tooManyRequestsFromFake: number };
  /**
   * Button presses of the measured load acknowledged, and those answered (`answerCallbackQuery`
   * run by the fake).
   */
  presses: { acknowledged: number; answered: number };
  /** The system's own books at the end (grace 0): items not yet where they should be, by check. */
  unaccountedByCheck: Record<string, number>;
  cpu: CpuShare;
  /** CPU from the start of the load until the drain ended, and what was processed meanwhile. */
  cpuLoadAndDrain: CpuShare;
  processedDuringLoadAndDrain: number;
  /** Web-process CPU per inbound update handled (acknowledged and processed), in ms. */
  webCpuMsPerUpdate: number;
  /** Worker-process CPU per triaged report, in ms. */
  workerCpuMsPerReport: number;
  /**
   * CPU per triaged report over the load and drain, in ms: of the system (web, worker, PostgreSQL,
   * Redis) and of the bench's load generator with the fake Telegram.
   */
  cpuMsPerReport: { system: number; loadGenerator: number };
  /** Reports a second the machine's cores could complete at that cost, if nothing else ran. */
  ceilingPerSecond: number;
}

/**
 * (c) Whole crime-tip conversations, `parallel` chats at a time: each sends its updates in order,
 * waiting for each 200 (not for the bot's replies, which Telegram's limits pace at about 30 a
 * second for the whole bot). A report counts once its confirm was acknowledged and the worker
 * has triaged it; the bench then waits (capped) for the backlog to drain.
 */
export async function measureEndToEnd(options: {
  system: BenchSystem;
  telegram: FakeTelegramServer;
  parallel: number;
  /** Conversations before the measurement, not counted (processes compile their hot code). */
  warmUpMs: number;
  durationMs: number;
  drainCapMs: number;
  nextConversation: () => Buffer[];
  log: (line: string) => void;
}): Promise<EndToEndResult> {
  const { system } = options;
  if (!system.worker) throw new Error('(c) needs the worker running');
  const pids = { web: system.web.pid, worker: system.worker.pid };
  const client = new WebhookClient(system.webhookUrl, system.secret, options.parallel);
  // Non-200 answers of the warm-up count too: none is acceptable anywhere.
  const failures: Record<string, number> = {};
  const answeredPresses = () =>
    options.telegram.callsOf('answerCallbackQuery').filter((call) => call.status === 200).length;
  /** `parallel` chats walking conversations until `durationMs` has passed. */
  const converse = async (durationMs: number) => {
    const tally = { latencies: [] as number[], confirmed: 0, unfinished: 0, presses: 0 };
    const end = performance.now() + durationMs;
    const driver = async () => {
      while (performance.now() < end) {
        const updates = options.nextConversation();
        let sent = 0;
        for (const body of updates) {
          if (performance.now() >= end) break;
          const began = performance.now();
          const { status, answer } = await client.exchange(body);
          if (status !== 200) {
            failures[status] = (failures[status] ?? 0) + 1;
            break;
          }
          tally.latencies.push(performance.now() - began);
          // As Telegram does: a method named in the answer is run (a press is answered so).
          await options.telegram.runWebhookAnswer(answer);
          if (body.includes('"callback_query"')) tally.presses++;
          sent++;
        }
        if (sent === updates.length) tally.confirmed++;
        else tally.unfinished++;
      }
    };
    await Promise.all(Array.from({ length: options.parallel }, driver));
    return tally;
  };
  try {
    // Fresh processes compile their hot code during the first seconds: "sustained" starts after.
    options.log(`  warm-up: ${options.parallel} conversations at a time, ${options.warmUpMs / 1000} s`);
    const warmUp = await converse(options.warmUpMs);
    const warmUpDrain = await waitForDrain(
      async () => Math.max(0, warmUp.confirmed - (await reportCounts(system, 0)).triaged),
      options.drainCapMs,
    );
    // The measured reports are those submitted from here on: a warm-up report still waiting
    // would be submitted later and counted, so say so.
    if (!warmUpDrain.drained)
      options.log(`    warning: ${warmUpDrain.remaining} warm-up reports not triaged; figures include them`);
    const answeredBefore = answeredPresses();
    const sentBefore = options.telegram.sentMessages().length;

    options.log(`  ${options.parallel} conversations at a time, ${options.durationMs / 1000} s`);
    const before = takeCpuSnapshot(pids);
    const startedAt = Date.now();
    const { latencies, confirmed, unfinished, presses } = await converse(options.durationMs);
    const loadEndedAt = Date.now();
    const cpu = cpuShareBetween(before, takeCpuSnapshot(pids));
    const loadSeconds = (loadEndedAt - startedAt) / 1000;
    options.log(
      `    ${confirmed} confirmed, ${Math.round(latencies.length / loadSeconds)} updates/s acknowledged`,
    );

    const drain = await waitForDrain(async () => {
      const counts = await reportCounts(system, startedAt);
      return Math.max(0, confirmed - counts.triaged);
    }, options.drainCapMs);
    const cpuLoadAndDrain = cpuShareBetween(before, takeCpuSnapshot(pids));
    const processed = await processedInboundEvents(system.db, startedAt, Date.now());
    const counts = await reportCounts(system, startedAt);
    const { rows: during } = await system.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM report
       WHERE submitted_at >= to_timestamp($1 / 1000.0) AND triaged_at <= to_timestamp($2 / 1000.0)`,
      [startedAt, loadEndedAt],
    );
    const lastTriagedMs = counts.lastTriagedAt?.getTime() ?? loadEndedAt;
    options.log(`    ${counts.triaged}/${confirmed} triaged; ${describeDrain(drain)}`);
    return {
      parallelConversations: options.parallel,
      loadSeconds: Math.round(loadSeconds * 10) / 10,
      confirmed,
      unfinished,
      failures,
      updatesAcknowledged: latencies.length,
      updatesPerSecond: Math.round(latencies.length / loadSeconds),
      ackLatency: summariseLatencies(latencies),
      reports: counts.reports,
      triaged: counts.triaged,
      completedPerSecond: round1(
        (counts.triaged / (Math.max(lastTriagedMs, loadEndedAt) - startedAt)) * 1000,
      ),
      triagedDuringLoadPerSecond: round1(Number(during[0]?.n ?? 0) / loadSeconds),
      drain,
      triageLag: await triageLag(system, startedAt),
      intakeLag: await inboundProcessingLag(system.db, startedAt),
      inboundByOutcome: await countBy(
        system,
        'SELECT outcome::text AS k, count(*) AS n FROM inbound_event GROUP BY 1',
      ),
      outbound: {
        byStatus: await countBy(
          system,
          'SELECT status::text AS k, count(*) AS n FROM outbound_message GROUP BY 1',
        ),
        sentByFake: options.telegram.sentMessages().length - sentBefore,
        tooManyRequestsFromFake: options.telegram.tooManyRequestsGiven,
      },
      presses: {
        acknowledged: presses,
        answered: answeredPresses() - answeredBefore,
      },
      unaccountedByCheck: await unaccountedByCheck(system.databaseUrl),
      cpu,
      cpuLoadAndDrain,
      processedDuringLoadAndDrain: processed,
      webCpuMsPerUpdate: perItemMs(cpuLoadAndDrain, 'web', processed),
      workerCpuMsPerReport: perItemMs(cpuLoadAndDrain, 'worker', counts.triaged),
      ...costPerReport(cpuLoadAndDrain, counts.triaged),
    };
  } finally {
    client.close();
  }
}

/** Reports submitted since `sinceMs` (epoch ms), those triaged, and the last triage time. */
async function reportCounts(system: BenchSystem, sinceMs: number) {
  const { rows } = await system.db.query<{ reports: string; triaged: string; last: Date | null }>(
    `SELECT count(*) AS reports, count(triaged_at) AS triaged, max(triaged_at) AS last FROM report
     WHERE submitted_at >= to_timestamp($1 / 1000.0)`,
    [sinceMs],
  );
  const row = rows[0];
  return {
    reports: Number(row?.reports ?? 0),
    triaged: Number(row?.triaged ?? 0),
    lastTriagedAt: row?.last ?? null,
  };
}

/**
 * `triaged_at - submitted_at` over every report submitted since `sinceMs` and triaged, from the
 * database, and its two legs at p95: submission to the relay's dispatch (outbox polling, commit)
 * and dispatch to the triage commit (the queue and the job).
 */
async function triageLag(system: BenchSystem, sinceMs: number) {
  const { rows } = await system.db.query<{
    p50: number | null;
    p95: number | null;
    max: number | null;
    relay_p95: number | null;
    job_p95: number | null;
  }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY lag) AS p95,
            max(lag) AS max,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY relay) AS relay_p95,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY job) AS job_p95
     FROM (SELECT extract(epoch FROM r.triaged_at - r.submitted_at) * 1000 AS lag,
                  extract(epoch FROM o.dispatched_at - r.submitted_at) * 1000 AS relay,
                  extract(epoch FROM r.triaged_at - o.dispatched_at) * 1000 AS job
           FROM report r LEFT JOIN outbox o ON o.topic = 'report.submitted' AND o.aggregate_id = r.id::text
           WHERE r.triaged_at IS NOT NULL AND r.submitted_at >= to_timestamp($1 / 1000.0)) l`,
    [sinceMs],
  );
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v)));
  const row = rows[0];
  return {
    p50Ms: ms(row?.p50),
    p95Ms: ms(row?.p95),
    maxMs: ms(row?.max),
    relayP95Ms: ms(row?.relay_p95),
    jobP95Ms: ms(row?.job_p95),
  };
}

async function unaccountedByCheck(databaseUrl: string): Promise<Record<string, number>> {
  const db = createDatabaseClient(databaseUrl, 1);
  try {
    const books = await readIntakeReconciliation(db, { graceSeconds: 0, limit: 1_000_000 });
    const counts: Record<string, number> = {};
    for (const item of books.unaccounted) counts[item.check] = (counts[item.check] ?? 0) + 1;
    return counts;
  } finally {
    await db.$disconnect();
  }
}

async function countBy(system: BenchSystem, sql: string): Promise<Record<string, number>> {
  const { rows } = await system.db.query<{ k: string; n: string }>(sql);
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

function costPerReport(share: CpuShare, reports: number) {
  const system = ['web', 'worker', 'postgres', 'redis'].reduce(
    (sum, name) => sum + perItemMs(share, name, reports),
    0,
  );
  const loadGenerator = perItemMs(share, 'bench', reports);
  return {
    cpuMsPerReport: { system: round1(system), loadGenerator },
    ceilingPerSecond: round1((share.machineCores * 1000) / (system + loadGenerator)),
  };
}

function perItemMs(share: CpuShare, process: string, items: number): number {
  if (items === 0) return Number.NaN;
  return round1(((share.cores[process] ?? 0) * share.wallSeconds * 1000) / items);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
