import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command of `src/processes/commands/` as its npm script does (node with tsx, from the
 * project root), with exactly `env` and PATH, and collects what it printed and its exit code.
 * @example await runCommand('verify-audit.ts', [], testEnvironment({ DATABASE_URL }))
 */
export function runCommand(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<CommandRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/processes/commands/${script}`, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
