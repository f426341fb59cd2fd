import { type ChildProcess, spawn } from 'node:child_process';

const children = new Set<ChildProcess>();

/**
 * Each child leads a process group of its own, and signals go to the whole group, as a terminal's
 * Ctrl+C does: `npm run` does not pass a SIGINT on to the script it runs.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

// A test that fails or times out must not leave a process running.
process.once('exit', () => {
  for (const child of children) signalGroup(child, 'SIGKILL');
});

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WatchedProcess {
  readonly pid: number;
  /** Resolves once the process has exited, however it ended, with its output read to the end. */
  readonly exited: Promise<ProcessExit>;
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends `signal` (SIGKILL unless told) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<ProcessExit>;
  /** Calls `listener` with every line written so far (as kept by `output`) and every later line. */
  onLine(listener: (line: string) => void): void;
  /** Resolves with the first line (so far or later) that `match` accepts; rejects if the process exits first. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
}

/** Spawns `command args` in `cwd` with exactly `env`, keeping its last lines and watching each. */
export function spawnWatched(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; keepLines?: number },
): WatchedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  const keep = options.keepLines ?? 300;
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > keep) lines.shift();
    for (const listener of listeners) listener(line);
  };
  // 'close', not 'exit': by then the output is read to the end (the refusal message included).
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) if (line !== '') remember(line);
    });
  }
  const watched: WatchedProcess = {
    pid: child.pid ?? -1,
    exited,
    output: () => lines.join('\n'),
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      signalGroup(child, signal);
      return exited;
    },
    onLine(listener) {
      for (const line of lines) listener(line);
      listeners.push(listener);
    },
    waitForLine(match, timeoutMs) {
      const found = new Promise<string>((resolve) => {
        watched.onLine((line) => {
          if (match(line)) resolve(line);
        });
      });
      return within(
        Promise.race([
          found,
          exited.then((exit) => {
            throw new Error(
              `exited (${JSON.stringify(exit)}) before the line was written\n${watched.output()}`,
            );
          }),
        ]),
        timeoutMs,
        `no such line\n${watched.output()}`,
      );
    },
  };
  return watched;
}

/** Kills every watched child still running (for afterEach / afterAll). */
export async function killAllWatched(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          signalGroup(child, 'SIGKILL');
        }),
    ),
  );
}

/** `promise`, or a rejection with `message` once `ms` have passed. */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${message} (after ${ms} ms)`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
