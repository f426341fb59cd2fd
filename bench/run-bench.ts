import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FakeTelegramServer } from '../test/fakes/fake-telegram-server.ts';
import { BenchDatabases } from './bench-databases.ts';
import { type BenchSystem, startBenchSystem } from './bench-system.ts';
import { consoleBenchKeys } from './console-bench-identity.ts';
import { consoleReportsTemplate } from './console-reports-template.ts';
import { crimeTipConversation } from './crime-tip-conversation.ts';
import { readDatabaseActivity, readWalPosition } from './database-activity.ts';
import { createIntakeUpdates } from './intake-updates.ts';
import { describeMachine } from './machine-info.ts';
import { measureConsole } from './measure-console.ts';
import { measureDashboard } from './measure-dashboard.ts';
import { measureEndToEnd } from './measure-end-to-end.ts';
import { combineRawInserts, measureRawInserts } from './measure-raw-inserts.ts';
import { measureWebhookIntake } from './measure-webhook-intake.ts';
import { RssSampler } from './process-rss.ts';
import { deleteQueueKeys } from './queue-cleanup.ts';
import { type BenchFigures, buildFigureRows, formatTable, targets } from './results-table.ts';
import { ChatIdSequence, UpdateIdSequence } from './update-id-sequence.ts';
import { walkSupervision } from './walk-supervision.ts';

/**
 * `npm run bench`: raw INSERT limit, webhook intake, whole conversations to triage, and memory, in
 * one run on this machine; prints the table and writes bench-results/latest.json. Everything it
 * creates (databases, queue keys, processes) is its own and removed at the end, also on failure.
 */
const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    'e2e-seconds': { type: 'string', default: '20' },
    conversations: { type: 'string', default: '64' },
    chats: { type: 'string', default: '5000' },
    'drain-cap': { type: 'string', default: '20' },
    profile: { type: 'boolean', default: false },
    set: { type: 'string', multiple: true, default: [] },
    'console-reports': { type: 'string', default: '1000000' },
    'console-rate': { type: 'string', default: '60' },
    'console-requests': { type: 'string', default: '500' },
    'console-rebuild': { type: 'boolean', default: false },
    'skip-console': { type: 'boolean', default: false },
    'dashboard-rate': { type: 'string', default: '4' },
    'dashboard-requests': { type: 'string', default: '60' },
  },
});
const settings = {
  clients: positive('clients'),
  seconds: positive('seconds'),
  e2eSeconds: positive('e2e-seconds'),
  conversations: positive('conversations'),
  chats: positive('chats'),
  drainCapSeconds: positive('drain-cap'),
  /** Load before the first measurement of each system, not counted (fresh processes compile their hot code). */
  warmUpSeconds: 3,
  throttleMessagesPerMinute: 10_000,
  profile: args.profile === true,
  /** (e): reports in its database, console requests a second, requests per kind of page. */
  console: args['skip-console']
    ? null
    : {
        reports: positive('console-reports'),
        ratePerSecond: positive('console-rate'),
        requestsPerRow: positive('console-requests'),
        rebuild: args['console-rebuild'] === true,
        /** (f): dashboard requests a second and per kind of page. */
        dashboardRate: positive('dashboard-rate'),
        dashboardRequests: positive('dashboard-requests'),
      },
  /** `--set NAME=value` (repeatable): configuration of both processes other than the defaults. */
  environment: Object.fromEntries(
    (args.set ?? []).map((pair) => {
      const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(pair);
      if (!match) throw new Error(`--set takes NAME=value, got ${JSON.stringify(pair)}`);
      return [match[1] as string, match[2] as string];
    }),
  ),
};

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const tag = randomBytes(4).toString('hex');
const databases = new BenchDatabases(tag, projectRoot);
const queuePrefixes = [
  `tinbao-bench-${tag}-intake`,
  `tinbao-bench-${tag}-e2e`,
  `tinbao-bench-${tag}-console`,
] as const;
const rss = new RssSampler(250);
const systems = new Set<BenchSystem>();
let telegram: FakeTelegramServer | null = null;
const began = Date.now();
const cpuProfileDir = settings.profile ? join(projectRoot, 'bench-results', 'profiles') : undefined;
const log = (line: string) =>
  process.stdout.write(`[${((Date.now() - began) / 1000).toFixed(1)} s] ${line}\n`);

let cleaning: Promise<void> | null = null;
const cleanUp = () => {
  cleaning ??= (async () => {
    for (const system of systems) await system.stop().catch(() => {});
    systems.clear();
    rss.stop();
    await telegram?.close().catch(() => {});
    for (const prefix of queuePrefixes) await deleteQueueKeys(prefix).catch(() => 0);
    await databases
      .dropAll()
      .catch((error: unknown) => log(`could not drop the bench databases: ${String(error)}`));
  })();
  return cleaning;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const machine = await describeMachine();
  const loadBefore = loadavg().map((n) => Math.round(n * 100) / 100);
  log(
    `machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGb} GB; load average ${loadBefore.join(' ')}`,
  );
  if ((loadBefore[0] ?? 0) > machine.cores / 2) {
    log('warning: the machine is already busy; figures will be low and noisy (ratios suffer less)');
  }
  rss.start();
  if (cpuProfileDir) await mkdir(cpuProfileDir, { recursive: true });

  log('creating and migrating the bench database');
  const template = await databases.create('template');
  await databases.migrate(template);
  const intakeDb = await databases.create('intake', template);
  const e2eDb = await databases.create('e2e', template);

  log(`(a) raw inserts: pgbench -c ${settings.clients} -j ${settings.clients} -T ${settings.seconds}`);
  const rawSettings = { clients: settings.clients, durationSeconds: settings.seconds };
  const rawBefore = await measureRawInserts(databases, { ...rawSettings, purpose: 'raw' });
  log(`    ${rawBefore.tps} tx/s`);

  // Telegram's own flood limits: a burst of 3 then 1 a second per chat, 30 a second per bot.
  telegram = await FakeTelegramServer.start({ rateLimit: {} });
  const ids = { updates: new UpdateIdSequence(), chats: new ChatIdSequence() };

  log('(b) webhook intake: starting web and worker');
  const intakeWal = await readWalPosition(databases, intakeDb);
  const intakeSystem = await startBenchSystem({
    label: 'intake',
    projectRoot,
    databaseUrl: databases.urlOf(intakeDb),
    queuePrefix: queuePrefixes[0],
    telegram,
    throttleMessagesPerMinute: settings.throttleMessagesPerMinute,
    environment: settings.environment,
    rss,
    ...(cpuProfileDir ? { cpuProfileDir } : {}),
  });
  systems.add(intakeSystem);
  const intake = await measureWebhookIntake({
    system: intakeSystem,
    clients: settings.clients,
    durationMs: settings.seconds * 1000,
    drainCapMs: settings.drainCapSeconds * 1000,
    warmUpMs: settings.warmUpSeconds * 1000,
    nextUpdate: createIntakeUpdates(settings.chats, ids),
    log,
  });
  const intakeLogs = intakeSystem.logs();
  systems.delete(intakeSystem);
  const intakeExit = await intakeSystem.stop();
  const intakeActivity = await readDatabaseActivity(databases, intakeDb, intakeWal);

  log('(a) again, between (b) and (c): the raw limit is the mean of both');
  const raw = combineRawInserts(
    rawBefore,
    await measureRawInserts(databases, { ...rawSettings, purpose: 'raw_again' }),
  );
  log(`    ${raw.runs.at(-1)} tx/s; mean ${raw.tps}`);
  if (Math.max(...raw.runs) > 1.25 * Math.min(...raw.runs)) {
    log('warning: the raw limit moved by more than a quarter during the run; ratios are uncertain');
  }

  // A fresh copy of the database and fresh processes, so (b)'s backlog does not weigh on (c).
  log('(c) end to end: starting web and worker on a fresh database');
  const e2eWal = await readWalPosition(databases, e2eDb);
  const e2eSystem = await startBenchSystem({
    label: 'e2e',
    projectRoot,
    databaseUrl: databases.urlOf(e2eDb),
    queuePrefix: queuePrefixes[1],
    telegram,
    throttleMessagesPerMinute: settings.throttleMessagesPerMinute,
    environment: settings.environment,
    rss,
    ...(cpuProfileDir ? { cpuProfileDir } : {}),
  });
  systems.add(e2eSystem);
  const endToEnd = await measureEndToEnd({
    system: e2eSystem,
    telegram,
    parallel: settings.conversations,
    warmUpMs: settings.warmUpSeconds * 1000,
    durationMs: settings.e2eSeconds * 1000,
    drainCapMs: Math.max(settings.drainCapSeconds, 30) * 1000,
    nextConversation: () => crimeTipConversation(ids),
    log,
  });
  const e2eLogs = e2eSystem.logs();
  systems.delete(e2eSystem);
  const e2eExit = await e2eSystem.stop();
  const e2eActivity = await readDatabaseActivity(databases, e2eDb, e2eWal);

  let consoleFigures: BenchFigures['console'] = null;
  let dashboardFigures: BenchFigures['dashboard'] = null;
  let consoleProcesses: Record<string, unknown> = {};
  if (settings.console) {
    log(`(e) console: a database of ${settings.console.reports} reports`);
    const consoleTemplate = await consoleReportsTemplate(databases, {
      projectRoot,
      base: template,
      reports: settings.console.reports,
      rebuild: settings.console.rebuild,
      log,
    });
    const copyStarted = performance.now();
    const consoleDb = await databases.create('console', consoleTemplate.name, { fileCopy: true });
    const copySeconds = Math.round((performance.now() - copyStarted) / 100) / 10;
    log(`  copied ${consoleTemplate.name} in ${copySeconds} s; starting web and worker`);
    const consoleSystem = await startBenchSystem({
      label: 'console',
      projectRoot,
      databaseUrl: databases.urlOf(consoleDb),
      queuePrefix: queuePrefixes[2],
      telegram,
      throttleMessagesPerMinute: settings.throttleMessagesPerMinute,
      // The generated reporters and officers were written with the bench's fixed keys.
      environment: { ...settings.environment, ...consoleBenchKeys() },
      rss,
      ...(cpuProfileDir ? { cpuProfileDir } : {}),
    });
    systems.add(consoleSystem);
    const result = await measureConsole({
      system: consoleSystem,
      ratePerSecond: settings.console.ratePerSecond,
      requestsPerRow: settings.console.requestsPerRow,
      intakeRate: intake.half.offeredPerSecond ?? Math.round(intake.peak.acknowledgedPerSecond / 2),
      intakeSockets: intake.half.connections,
      warmUpMs: settings.warmUpSeconds * 1000,
      nextUpdate: createIntakeUpdates(settings.chats, ids),
      log,
    });
    log('(f) supervisor dashboard on the same database');
    const dashboardResult = await measureDashboard({
      system: consoleSystem,
      ratePerSecond: settings.console.dashboardRate,
      requestsPerRow: settings.console.dashboardRequests,
      log,
    });
    log('(g) the walk of issue 19: read, drill down, export, close, verify the ledger');
    const walk = await walkSupervision({
      system: consoleSystem,
      projectRoot,
      environment: { ...settings.environment, ...consoleBenchKeys() },
      log,
    });
    dashboardFigures = { result: dashboardResult, walk };
    const consoleLogs = consoleSystem.logs();
    systems.delete(consoleSystem);
    consoleProcesses = { console: { exit: await consoleSystem.stop(), ...consoleLogs } };
    consoleFigures = { result, template: consoleTemplate, copySeconds };
  }
  rss.stop();

  const figures = {
    raw,
    intake,
    endToEnd,
    rss: rss.results(),
    updatesPerReport: crimeTipConversation(ids).length,
    console: consoleFigures,
    dashboard: dashboardFigures,
  };
  const rows = buildFigureRows(figures);
  const table = formatTable(rows);
  const results = {
    date: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - began) / 1000),
    machine,
    loadAverage: { before: loadBefore, after: loadavg().map((n) => Math.round(n * 100) / 100) },
    settings,
    targets,
    table: rows,
    ...figures,
    databaseActivity: { intake: intakeActivity, endToEnd: e2eActivity },
    statisticsRefreshedByBench: e2eSystem.statisticsRefreshed,
    processes: {
      intake: { exit: intakeExit, ...intakeLogs },
      e2e: { exit: e2eExit, ...e2eLogs },
      ...consoleProcesses,
    },
  };
  await mkdir(join(projectRoot, 'bench-results'), { recursive: true });
  const out = join(projectRoot, 'bench-results', 'latest.json');
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);

  process.stdout.write(`\n${table}\n\n`);
  process.stdout.write(`CPU (cores used) intake alone:       ${JSON.stringify(intake.cpu.peak.cores)}\n`);
  process.stdout.write(
    `CPU (cores used) with conversations: ${JSON.stringify(intake.cpu.withConversations.cores)}\n`,
  );
  process.stdout.write(`CPU (cores used) end to end:         ${JSON.stringify(endToEnd.cpu.cores)}\n`);
  process.stdout.write(
    `PostgreSQL per inbound update (end to end): ${e2eActivity.commitsPerUpdate} commits, ${e2eActivity.rowsWrittenPerUpdate} rows written, ${e2eActivity.bufferAccessesPerUpdate} buffer accesses, ${e2eActivity.walBytesPerUpdate} bytes of WAL\n`,
  );
  if (e2eSystem.statisticsRefreshed)
    process.stdout.write(
      'autovacuum is off on this server: every 5 s the bench analysed the tables autovacuum would have\n',
    );
  process.stdout.write(
    `load average before / after: ${results.loadAverage.before.join(' ')} / ${results.loadAverage.after.join(' ')}\n`,
  );
  process.stdout.write(`written to ${out}\n`);
} catch (error) {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
  log('cleaned up');
}

function positive(name: keyof typeof args): number {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}
