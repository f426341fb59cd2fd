import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  greetThroughWebChat,
  newDemoDatabaseUrl,
  spawnDemo,
  webChatAddress,
} from '../../support/demo-session.ts';
import { killAllWatched, type ProcessExit } from '../../support/watched-process.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const queuePrefix = `demo-test-${process.pid}`;

afterAll(killAllWatched);

/** Runs the demo until it exits by itself, expecting a refusal. */
async function refusal(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const demo = spawnDemo(root, { QUEUE_PREFIX: queuePrefix, PORT: '0', ...env });
  const exit = await demo.exited;
  return { code: exit.code, output: demo.output() };
}

/** npm passes the signal on by ending with it; the script itself exits 0. */
function stoppedByCtrlC(exit: ProcessExit): boolean {
  return exit.code === 0 || exit.signal === 'SIGINT';
}

/** One sentence on one line, no stack trace, naming what to do. */
function expectOneSentence(output: string, ...words: string[]): void {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  expect(lines, output).toHaveLength(1);
  expect(output).not.toMatch(/^\s+at /m);
  for (const word of words) expect(output).toContain(word);
}

describe('npm run demo', () => {
  it('creates a missing database, migrates it, starts in DEMO_MODE and prints a web chat that answers', {
    timeout: 240_000,
  }, async () => {
    const database = newDemoDatabaseUrl();
    const demo = spawnDemo(root, { DATABASE_URL: database.url, PORT: '0', QUEUE_PREFIX: queuePrefix });
    try {
      const chat = await webChatAddress(demo, 90_000);
      expect(chat.pathname).toBe('/chat');
      expect(demo.output()).toMatch(/database \S+_demo_\S+ on 127\.0\.0\.1:5432 \(created, migrated\)/);
      expect(demo.output()).toContain('DEMO_MODE');
      const replies = await greetThroughWebChat(chat);
      expect(replies.join('\n')).toMatch(/ngôn ngữ/);
      // Ctrl+C (SIGINT to the process group, as a terminal sends it) stops it.
      expect(stoppedByCtrlC(await demo.kill('SIGINT'))).toBe(true);
      // A second start finds the database and its migrations in place.
      const again = spawnDemo(root, { DATABASE_URL: database.url, PORT: '0', QUEUE_PREFIX: queuePrefix });
      await webChatAddress(again, 90_000);
      expect(again.output()).toContain('(found, migrated)');
      expect(stoppedByCtrlC(await again.kill('SIGINT'))).toBe(true);
    } finally {
      await demo.kill();
      await database.drop();
    }
  });

  it('names the fix in one sentence when PostgreSQL is not reachable', async () => {
    const { code, output } = await refusal({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/tinbao_demo' });
    expect(code).toBe(1);
    expectOneSentence(output, 'PostgreSQL is not reachable at 127.0.0.1:1', 'DATABASE_URL');
  });

  it('names the fix in one sentence when PostgreSQL refuses the user', async () => {
    const { code, output } = await refusal({
      DATABASE_URL: 'postgresql://no_such_role@127.0.0.1:5432/tinbao_demo',
    });
    expect(code).toBe(1);
    expectOneSentence(output, 'no_such_role', 'DATABASE_URL');
  });

  it('names the fix in one sentence when Redis is not reachable', async () => {
    const { code, output } = await refusal({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expectOneSentence(output, 'Redis is not reachable at 127.0.0.1:1', 'REDIS_URL');
  });

  it('names the fix in one sentence when the port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { code, output } = await refusal({ PORT: String(port) });
      expect(code).toBe(1);
      expectOneSentence(output, `Port ${port}`, 'PORT');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
