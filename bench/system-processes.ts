import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SystemProcess {
  readonly name: string;
  readonly pid: number;
  readonly baseUrl: string;
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Lines written at warn level or above since start (LOG_LEVEL=warn prints nothing else). */
  logLines(): number;
  /** SIGTERM (graceful), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SystemSettings {
  databaseUrl: string;
  queuePrefix: string;
  telegramToken: string;
  telegramApiRoot: string;
  webPort: number;
  workerPort: number;
  throttleMessagesPerMinute: number;
}

const children = new Set<ChildProcess>();
// A bench that crashes must not leave the system running.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Production settings, the bench's own database, queue prefix, keys and secret; 127.0.0.1 only. */
export function systemEnvironment(settings: SystemSettings): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(settings.webPort),
    WORKER_HOST: '127.0.0.1',
    WORKER_PORT: String(settings.workerPort),
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: settings.queuePrefix,
    IDENTITY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    IDENTITY_HASH_KEY: randomBytes(32).toString('base64'),
    TELEGRAM_BOT_TOKEN: settings.telegramToken,
    TELEGRAM_API_ROOT: settings.telegramApiRoot,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: `bench_${randomBytes(16).toString('hex')}`,
    THROTTLE_MESSAGES_PER_MINUTE: String(settings.throttleMessagesPerMinute),
  };
}

/**
 * Runs `npm run <script>` (`start:web`, `start:worker`) as a child, with the node flags and entry
 * point the script names but without npm in between, with exactly `env` plus PATH and HOME, and
 * waits until its `/healthz` answers `status: ok`.
 */
export async function startSystemProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  options: { cwd: string; port: number; timeoutMs?: number; cpuProfileDir?: string },
): Promise<SystemProcess> {
  // --cpu-prof writes a profile per thread (the main one is the biggest) when the process exits
  // normally, which the graceful stop does.
  const profile = options.cpuProfileDir
    ? ['--cpu-prof', '--cpu-prof-dir', join(options.cpuProfileDir, `${name}-${Date.now()}`)]
    : [];
  const child = spawn(process.execPath, [...profile, ...nodeArguments(options.cwd, script)], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  let logLines = 0;
  const remember = (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      logLines++;
      lines.push(line.slice(0, 500));
      if (lines.length > 50) lines.shift();
    }
  };
  child.stdout?.setEncoding('utf8').on('data', remember);
  child.stderr?.setEncoding('utf8').on('data', remember);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const stop = async (graceMs = 30_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    }
    return exited;
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let early: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  void exited.then((exit) => {
    early = exit;
  });
  for (;;) {
    if (early)
      throw new Error(`${name} exited during start-up (${JSON.stringify(early)}):\n${lines.join('\n')}`);
    if (Date.now() > deadline) {
      await stop(1000);
      throw new Error(`${name} was not healthy in time:\n${lines.join('\n')}`);
    }
    if (await healthy(baseUrl)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    name,
    pid: child.pid ?? -1,
    baseUrl,
    output: () => lines.join('\n'),
    logLines: () => logLines,
    stop,
  };
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { status?: unknown };
    return response.status === 200 && body.status === 'ok';
  } catch {
    return false;
  }
}

/** The arguments after `node` of a package.json script such as `node --flags src/processes/start-web.ts`. */
function nodeArguments(cwd: string, script: string): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const [command, ...args] = (scripts[script] ?? '').split(/\s+/);
  if (command !== 'node' || args.length === 0)
    throw new Error(`script ${script} is not "node …": ${scripts[script]}`);
  return args;
}
