import pg from 'pg';
import type { FakeTelegramServer } from '../test/fakes/fake-telegram-server.ts';
import { freePorts } from './free-port.ts';
import type { RssSampler } from './process-rss.ts';
import { startStatisticsRefresh } from './statistics-refresh.ts';
import { type SystemProcess, startSystemProcess, systemEnvironment } from './system-processes.ts';

export interface BenchSystem {
  web: SystemProcess;
  /** The worker running now (another process after `restartWorker`). */
  readonly worker: SystemProcess;
  /** Whether the worker is running (false between `stopWorker` and `restartWorker`). */
  readonly workerRunning: boolean;
  webhookUrl: string;
  secret: string;
  databaseUrl: string;
  /** A small pool on the system's database, for the bench's own read-only checks. */
  db: pg.Pool;
  /** Whether the bench analyses the database itself (the server's autovacuum is off). */
  statisticsRefreshed: boolean;
  /** Graceful stop of the worker alone, as when it is down: the web keeps taking webhooks. */
  stopWorker(): Promise<void>;
  /** Starts the worker again with the same configuration. */
  restartWorker(): Promise<void>;
  /** Graceful stop of both processes; returns their exits. */
  stop(): Promise<Record<string, { code: number | null; signal: NodeJS.Signals | null }>>;
}

/** How often the database is analysed when the server has no autovacuum (see statistics-refresh). */
const statisticsIntervalMs = 5000;

/**
 * Starts the real web and worker processes on the bench's database and queue prefix, talking to
 * the fake Telegram, and has the sampler watch their memory as `<label>.web` / `<label>.worker`.
 */
export async function startBenchSystem(options: {
  label: string;
  projectRoot: string;
  databaseUrl: string;
  queuePrefix: string;
  telegram: FakeTelegramServer;
  throttleMessagesPerMinute: number;
  /** Configuration other than the defaults, for both processes. */
  environment: Record<string, string>;
  rss: RssSampler;
  /** When set, both processes run with --cpu-prof and write their profiles here. */
  cpuProfileDir?: string;
}): Promise<BenchSystem> {
  const [webPort, workerPort] = await freePorts(2);
  if (webPort === undefined || workerPort === undefined) throw new Error('no free ports');
  const env = {
    ...systemEnvironment({
      databaseUrl: options.databaseUrl,
      queuePrefix: options.queuePrefix,
      telegramToken: options.telegram.token,
      telegramApiRoot: options.telegram.apiRoot,
      webPort,
      workerPort,
      throttleMessagesPerMinute: options.throttleMessagesPerMinute,
    }),
    ...options.environment,
  };
  const common = {
    cwd: options.projectRoot,
    ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
  };
  const startWorker = () =>
    startSystemProcess('worker', 'start:worker', env, { ...common, port: Number(env.WORKER_PORT) });
  // The worker seeds the police units triage needs; start it first.
  let worker = await startWorker();
  let workerRunning = true;
  // The exit of a worker stopped on its own, reported when the whole system stops.
  let workerExit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
  let web: SystemProcess;
  try {
    web = await startSystemProcess('web', 'start:web', env, { ...common, port: Number(env.PORT) });
  } catch (error) {
    await worker.stop(5000);
    throw error;
  }
  options.rss.watch(`${options.label}.web`, web.pid);
  options.rss.watch(`${options.label}.worker`, worker.pid);
  const db = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  const statistics = await startStatisticsRefresh(options.databaseUrl, statisticsIntervalMs);
  return {
    web,
    get worker() {
      return worker;
    },
    get workerRunning() {
      return workerRunning;
    },
    webhookUrl: `${web.baseUrl}/webhooks/telegram`,
    secret: env.TELEGRAM_WEBHOOK_SECRET ?? '',
    databaseUrl: options.databaseUrl,
    db,
    statisticsRefreshed: statistics.running,
    async stopWorker() {
      options.rss.unwatch(`${options.label}.worker`);
      workerRunning = false;
      workerExit = await worker.stop();
    },
    async restartWorker() {
      worker = await startWorker();
      workerRunning = true;
      options.rss.watch(`${options.label}.worker`, worker.pid);
    },
    async stop() {
      options.rss.unwatch(`${options.label}.web`);
      options.rss.unwatch(`${options.label}.worker`);
      const [webExit, lastWorkerExit] = await Promise.all([
        web.stop(),
        workerRunning ? worker.stop() : Promise.resolve(workerExit),
      ]);
      await statistics.stop();
      await db.end();
      return { web: webExit, worker: lastWorkerExit };
    },
  };
}
