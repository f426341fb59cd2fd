import { fileURLToPath } from 'node:url';
import {
  killAllWatched,
  type ProcessExit,
  spawnWatched,
  type WatchedProcess,
  within,
} from './watched-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The two deployable processes, `src/processes/start-web.ts` and `src/processes/start-worker.ts`, and the all-in-one
 * `src/processes/main.ts` (web and worker side by side).
 */
export type ServiceRole = 'web' | 'worker' | 'all';

const roles: Record<ServiceRole, { entry: string; readyMessage: string; notReady: string }> = {
  web: {
    entry: 'src/processes/start-web.ts',
    readyMessage: 'Tin Báo is listening',
    notReady: 'exited before listening',
  },
  worker: {
    entry: 'src/processes/start-worker.ts',
    readyMessage: 'Tin Báo worker is running',
    notReady: 'exited before it was ready',
  },
  all: {
    entry: 'src/processes/main.ts',
    readyMessage: 'Tin Báo is listening',
    notReady: 'exited before listening',
  },
};

export type ServiceExit = ProcessExit;

export interface ServiceProcess extends WatchedProcess {
  readonly role: ServiceRole;
}

export interface RunningService extends ServiceProcess {
  /** `http://127.0.0.1:<port>` as the process logged it (PORT or WORKER_PORT 0 picks one). */
  readonly baseUrl: string;
  readonly webhookUrl: string;
}

/**
 * Spawns `node --import tsx <entry>` with exactly `env` (plus PATH) without waiting for anything:
 * for processes expected to refuse start-up. LOG_LEVEL silent is raised to info so the output
 * carries the start-up lines.
 */
export function spawnServiceProcess(role: ServiceRole, env: Record<string, string>): ServiceProcess {
  const watched = spawnWatched(process.execPath, ['--import', 'tsx', roles[role].entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      LOG_LEVEL: env.LOG_LEVEL === undefined || env.LOG_LEVEL === 'silent' ? 'info' : env.LOG_LEVEL,
    },
  });
  return { ...watched, role };
}

/**
 * Starts a web, worker or all-in-one process and resolves once it logged its address and
 * `/healthz` answers with `status: ok` (for the worker: once its BullMQ worker runs). Kills it if
 * it does not. A start takes about 6 s on an idle 2-core machine, several times that under load.
 */
export async function startServiceProcess(
  role: ServiceRole,
  env: Record<string, string>,
  // Generous: on a shared 2-core machine under load, loading the TypeScript sources takes a while.
  timeoutMs = 90_000,
): Promise<RunningService> {
  const started = spawnServiceProcess(role, env);
  const address = new Promise<string>((resolve) => {
    started.onLine((line) => {
      const found = readAddress(line, roles[role].readyMessage);
      if (found) resolve(found);
    });
  });
  try {
    const baseUrl = await within(
      Promise.race([
        address,
        started.exited.then((exit) => {
          throw new Error(`${role} ${roles[role].notReady} (${JSON.stringify(exit)})`);
        }),
      ]),
      timeoutMs,
      `${role} did not log its address`,
    );
    await waitForHealth(baseUrl, Date.now() + timeoutMs);
    return { ...started, baseUrl, webhookUrl: `${baseUrl}/webhooks/telegram` };
  } catch (error) {
    await started.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${started.output()}`);
  }
}

/** Kills every child still running (for afterEach / afterAll). */
export const killAllServiceProcesses = killAllWatched;

function readAddress(line: string, message: string): string | null {
  try {
    const entry = JSON.parse(line) as { msg?: unknown; address?: unknown };
    return entry.msg === message && typeof entry.address === 'string' ? entry.address : null;
  } catch {
    return null;
  }
}

async function waitForHealth(baseUrl: string, deadline: number): Promise<void> {
  for (;;) {
    if (Date.now() > deadline) throw new Error('/healthz did not answer ok in time');
    const healthy = await fetch(`${baseUrl}/healthz`).then(
      async (response) => {
        const body = (await response.json().catch(() => ({}))) as { status?: unknown };
        return response.status === 200 && body.status === 'ok';
      },
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
