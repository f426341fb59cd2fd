import pg from 'pg';
import type { FakeTelegramServer } from '../test/fakes/fake-telegram-server.ts';
import { freePorts } from './free-port.ts';
import type { RssSampler } from './process-rss.ts';
import { startStatisticsRefresh } from './statistics-refresh.ts';
import { type SystemProcess, startSystemProcess, systemEnvironment } from './system-processes.ts';

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface BenchSystem {
  web: SystemProcess;
  /** The worker running now: null between `stopWorker` and `restartWorker`. */
  readonly worker: SystemProcess | null;
  /** Every worker process the system started, in order (one more after each restart). */
  readonly workers: readonly SystemProcess[];
  webhookUrl: string;
  secret: string;
  databaseUrl: string;
  /** A small pool on the system's database, for the bench's own read-only checks. */
  db: pg.Pool;
  /** Whether the bench analyses the database itself (the server's autovacuum is off). */
  statisticsRefreshed: boolean;
  /** Graceful stop of the worker alone, as when it is down: the web keeps taking webhooks. */
  stopWorker(): Promise<void>;
  /** Starts a worker again with the same configuration (only while none runs). */
  restartWorker(): Promise<void>;
  /**
   * Graceful stop of whatever still runs; returns the exit of every process: `web`, `worker`, and
   * `worker 2`, `worker 3` … for those started again.
   */
  stop(): Promise<Record<string, Exit>>;
  /** Warn-level lines written and the last lines of every process, named as `stop` names them. */
  logs(): { warnLogLines: Record<string, number>; lastLines: Record<string, string> };
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
  const firstWorker = await startWorker();
  const workers = [firstWorker];
  let worker: SystemProcess | null = firstWorker;
  // Each worker's stop, once asked for: stop() waits for every one and reports them all.
  const exits = new Map<SystemProcess, Promise<Exit>>();
  let web: SystemProcess;
  try {
    web = await startSystemProcess('web', 'start:web', env, { ...common, port: Number(env.PORT) });
  } catch (error) {
    await firstWorker.stop(5000);
    throw error;
  }
  options.rss.watch(`${options.label}.web`, web.pid);
  options.rss.watch(`${options.label}.worker`, firstWorker.pid);
  const db = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  const statistics = await startStatisticsRefresh(options.databaseUrl, statisticsIntervalMs);
  return {
    web,
    get worker() {
      return worker;
    },
    workers,
    webhookUrl: `${web.baseUrl}/webhooks/telegram`,
    secret: env.TELEGRAM_WEBHOOK_SECRET ?? '',
    databaseUrl: options.databaseUrl,
    db,
    statisticsRefreshed: statistics.running,
    async stopWorker() {
      if (!worker) throw new Error('the worker is already stopped');
      const stopping = worker.stop();
      exits.set(worker, stopping);
      worker = null;
      options.rss.unwatch(`${options.label}.worker`);
      await stopping;
    },
    async restartWorker() {
      if (worker) throw new Error('a worker is already running');
      worker = await startWorker();
      workers.push(worker);
      options.rss.watch(`${options.label}.worker`, worker.pid);
    },
    async stop() {
      options.rss.unwatch(`${options.label}.web`);
      options.rss.unwatch(`${options.label}.worker`);
      // Workers still running stop together with the web; stopped ones have their exit already.
      const workerExits = Promise.all(workers.map((each) => exits.get(each) ?? each.stop()));
      const webExit = await web.stop();
      await statistics.stop();
      await db.end();
      return { web: webExit, ...byWorker(await workerExits) };
    },
    logs() {
      return {
        warnLogLines: { web: web.logLines(), ...byWorker(workers.map((each) => each.logLines())) },
        lastLines: { web: web.output(), ...byWorker(workers.map((each) => each.output())) },
      };
    },
  };
}

/** `worker`, `worker 2`, … for the workers in the order they were started. */
function byWorker<T>(values: T[]): Record<string, T> {
  return Object.fromEntries(values.map((value, i) => [i === 0 ? 'worker' : `worker ${i + 1}`, value]));
}
