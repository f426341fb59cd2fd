import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  greetThroughWebChat,
  newDemoDatabaseUrl,
  spawnDemo,
  webChatAddress,
} from '../support/demo-session.ts';
import { killAllWatched, spawnWatched } from '../support/watched-process.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const database = newDemoDatabaseUrl();
const queuePrefix = `fresh-clone-${process.pid}`;
let clone = '';

/** A newcomer's shell: only PATH and HOME (npm's cache lives there), nothing of this test run. */
function shell(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env };
}

/**
 * `git clone` of this checkout, with the working tree's uncommitted changes laid over it (none in
 * CI, which runs on a clean clone), so the test tries what would land.
 */
async function cloneWorkingTree(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tinbao-fresh-clone-'));
  await run('git', ['clone', '--quiet', '--no-hardlinks', root, folder]);
  const list = async (...args: string[]) =>
    (await run('git', ['ls-files', '-z', ...args], { cwd: root })).stdout.split('\0').filter(Boolean);
  const deleted = new Set(await list('--deleted'));
  for (const file of await list('--modified', '--others', '--exclude-standard')) {
    if (deleted.has(file)) continue;
    await cp(join(root, file), join(folder, file), { recursive: true });
  }
  for (const file of deleted) await rm(join(folder, file), { force: true });
  return folder;
}

beforeAll(async () => {
  clone = await cloneWorkingTree();
  await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: clone,
    env: shell(),
    maxBuffer: 16 * 1024 * 1024,
  });
}, 600_000);
afterAll(async () => {
  await killAllWatched();
  await database.drop();
  if (clone.startsWith(join(tmpdir(), 'tinbao-fresh-clone-')) && dirname(clone) === tmpdir())
    await rm(clone, { recursive: true, force: true });
});

describe("a newcomer's fresh clone, after npm ci", () => {
  it("runs the README's command and the web chat answers", { timeout: 240_000 }, async () => {
    const demo = spawnDemo(clone, { DATABASE_URL: database.url, PORT: '0', QUEUE_PREFIX: queuePrefix });
    try {
      const chat = await webChatAddress(demo, 180_000);
      const replies = await greetThroughWebChat(chat);
      expect(replies.join('\n')).toMatch(/ngôn ngữ/);
    } finally {
      await demo.kill('SIGINT');
    }
  });

  it('runs the other npm scripts that load the database client', { timeout: 240_000 }, async () => {
    const env = shell({ DATABASE_URL: database.url, DEMO_MODE: 'true', QUEUE_PREFIX: queuePrefix });
    const reconcile = spawnWatched('npm', ['run', '--silent', 'reconcile'], { cwd: clone, env });
    const { code } = await reconcile.exited;
    // 0: every tip accounted for; 2: something needs a person. Either way it ran; a crash exits 1.
    expect([0, 2], reconcile.output()).toContain(code);
    expect(reconcile.output()).toMatch(/inbound|report/i);

    for (const [script, ready] of [
      ['start:web', /Tin Báo is listening/],
      ['start:worker', /Tin Báo worker is running/],
    ] as const) {
      const service = spawnWatched('npm', ['run', '--silent', script], {
        cwd: clone,
        env: { ...env, PORT: '0', WORKER_PORT: '0', LOG_LEVEL: 'info' },
      });
      try {
        await service.waitForLine((line) => ready.test(line), 180_000);
      } finally {
        await service.kill('SIGTERM');
      }
    }
  });
});
