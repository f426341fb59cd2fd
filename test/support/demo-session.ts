import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { spawnWatched, type WatchedProcess } from './watched-process.ts';
import { WebChatClient } from './web-chat-client.ts';

/** A database name of this test run that does not exist yet: the demo must create it. */
export function newDemoDatabaseUrl(): { url: string; drop(): Promise<void> } {
  const runUrl = new URL(inject('databaseUrl'));
  const name = `${runUrl.pathname.slice(1)}_demo_${randomBytes(3).toString('hex')}`;
  const url = Object.assign(new URL(runUrl.href), { pathname: `/${name}` }).href;
  const adminUrl = Object.assign(new URL(runUrl.href), { pathname: '/postgres' }).href;
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** `npm run demo` in `cwd` with exactly `env` (plus PATH and HOME, which npm needs). */
export function spawnDemo(cwd: string, env: Record<string, string>): WatchedProcess {
  return spawnWatched('npm', ['run', '--silent', 'demo'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
  });
}

/** Waits for the demo's "Web chat: open …" line and returns the address in it. */
export async function webChatAddress(demo: WatchedProcess, timeoutMs: number): Promise<URL> {
  const line = await demo.waitForLine((l) => /^Web chat: open https?:\/\//.test(l), timeoutMs);
  return new URL(line.replace(/^Web chat: open /, '').trim());
}

/**
 * What a person sees first: the page loads, and the chat answers a first "Xin chào" (through its
 * API, as the page speaks it). Returns the texts of the replies shown.
 */
export async function greetThroughWebChat(chat: URL): Promise<string[]> {
  const page = await fetch(chat);
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<html')) throw new Error(`${chat} answered ${page.status}`);
  const client = await new WebChatClient(chat.origin.replace('localhost', '127.0.0.1')).startSession();
  const replies = await client.text('Xin chào');
  return replies.map((shown) => shown.reply.text);
}
