import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const children = new Set<ChildProcess>();

// A test that fails or times out must not leave a server running.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  readonly pid: number;
  /** `http://127.0.0.1:<port>` as the process logged it. */
  readonly baseUrl: string;
  readonly webhookUrl: string;
  /** Resolves once the process has exited, however it ended. */
  readonly exited: Promise<AppExit>;
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends `signal` (SIGKILL unless told) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<AppExit>;
}

/**
 * Runs `node --import tsx src/main.ts` as a child with exactly `env` (plus PATH), waits for its
 * "listening" log line and a 200 from `/healthz`. LOG_LEVEL silent is raised to info, because the
 * address is read from that line (PORT=0 picks a free port). A start takes about 6 s on an idle
 * 2-core machine (compiling the sources, the worker's start-up), several times that under load.
 */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      LOG_LEVEL: env.LOG_LEVEL === undefined || env.LOG_LEVEL === 'silent' ? 'info' : env.LOG_LEVEL,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
  };
  const exited = new Promise<AppExit>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  const address = new Promise<string>((resolve) => {
    let pending = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) {
        remember(line);
        const found = readListeningAddress(line);
        if (found) resolve(found);
      }
    });
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line !== '') remember(line);
  });
  const output = () => lines.join('\n');

  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };

  try {
    const baseUrl = await within(
      Promise.race([
        address,
        exited.then((exit) => {
          throw new Error(`app exited before listening (${JSON.stringify(exit)})`);
        }),
      ]),
      timeoutMs,
      'app did not log its address',
    );
    await waitForHealth(baseUrl, Date.now() + timeoutMs);
    return {
      pid: child.pid ?? -1,
      baseUrl,
      webhookUrl: `${baseUrl}/webhooks/telegram`,
      exited,
      output,
      kill,
    };
  } catch (error) {
    await kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output()}`);
  }
}

/** Kills every child still running (for afterEach / afterAll). */
export async function killAllAppProcesses(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

function readListeningAddress(line: string): string | null {
  try {
    const entry = JSON.parse(line) as { msg?: unknown; address?: unknown };
    return entry.msg === 'Tin Báo is listening' && typeof entry.address === 'string' ? entry.address : null;
  } catch {
    return null;
  }
}

async function waitForHealth(baseUrl: string, deadline: number): Promise<void> {
  for (;;) {
    if (Date.now() > deadline) throw new Error('/healthz did not answer 200 in time');
    const status = await fetch(`${baseUrl}/healthz`).then(
      (response) => response.arrayBuffer().then(() => response.status),
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
