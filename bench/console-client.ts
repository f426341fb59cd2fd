import { Agent, request } from 'node:http';
import { totpCodeFor } from '../test/support/totp-code.ts';

/** A console answer: status, the Location of a redirect, and the body. */
export interface ConsoleAnswer {
  status: number;
  location: string | null;
  body: string;
}

const timeoutMs = 10_000;
/** The TOTP step each account last logged in with: the console refuses a code used before. */
const usedSteps = new Map<string, number>();

/** The current 30-second step, or the next one when this account already used it. */
async function unusedStep(username: string): Promise<number> {
  let step = Math.floor(Date.now() / 30_000);
  if (usedSteps.get(username) === step) {
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * 30_000 - Date.now() + 50));
    step += 1;
  }
  usedSteps.set(username, step);
  return step;
}
const sessionCookie = '__Host-tinbao_console';
const loginCookie = '__Host-tinbao_login';

/**
 * An officer's browser as far as the bench needs one: logs in through the console's own form
 * (password and the TOTP code of the current step), then GETs pages with the session cookie over
 * at most `maxSockets` keep-alive connections. Only 127.0.0.1 is allowed. Node's HTTP client is
 * fine here: a few dozen pages a second, not thousands of webhooks.
 */
export class ConsoleClient {
  private readonly agent: Agent;
  private readonly base: URL;
  private cookie = '';

  constructor(baseUrl: string, maxSockets: number) {
    this.base = new URL(baseUrl);
    if (this.base.hostname !== '127.0.0.1') throw new Error('the bench only sends to 127.0.0.1');
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** The real login: the form's token from GET /console/login, then POST with password and code. */
  async login(username: string, password: string, totpSecret: string): Promise<void> {
    const page = await this.send('GET', '/console/login');
    const token = /name="_login" value="([^"]+)"/.exec(page.body)?.[1];
    const cookie = page.cookies[loginCookie];
    if (page.status !== 200 || !token || !cookie) throw new Error(`login page answered ${page.status}`);
    const form = new URLSearchParams({
      _login: token,
      username,
      password,
      totp: totpCodeFor(totpSecret, await unusedStep(username)),
    }).toString();
    const answer = await this.send('POST', '/console/login', form, `${loginCookie}=${cookie}`);
    const session = answer.cookies[sessionCookie];
    if (answer.status !== 303 || answer.location !== '/console' || !session)
      throw new Error(`login of ${username} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    this.cookie = `${sessionCookie}=${session}`;
  }

  /** GET with the session cookie; status 0 for a network error or no answer within 10 s. */
  async get(path: string): Promise<ConsoleAnswer> {
    const { status, location, body } = await this.send('GET', path, undefined, this.cookie);
    return { status, location, body };
  }

  /** POST a form with the session cookie and the session's CSRF token (read from `page`'s forms). */
  async post(path: string, fields: Record<string, string>, page: string): Promise<ConsoleAnswer> {
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!csrf) throw new Error(`no form token on the page before POST ${path}`);
    const form = new URLSearchParams({ _csrf: csrf, ...fields }).toString();
    const { status, location, body } = await this.send('POST', path, form, this.cookie);
    return { status, location, body };
  }

  /**
   * GET a file (an export) with the session cookie, counting its bytes and keeping only the first
   * `keep` of them (a file's signature); status 0 for a network error or no end within 5 minutes.
   */
  download(path: string, keep = 8): Promise<{ status: number; bytes: number; head: Buffer }> {
    return new Promise((resolve) => {
      const failed = () => resolve({ status: 0, bytes: 0, head: Buffer.alloc(0) });
      const outgoing = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method: 'GET',
          headers: { 'user-agent': 'tinbao-bench', cookie: this.cookie },
          agent: this.agent,
          signal: AbortSignal.timeout(300_000),
        },
        (incoming) => {
          let bytes = 0;
          let head = Buffer.alloc(0);
          incoming.on('data', (chunk: Buffer) => {
            if (head.length < keep) head = Buffer.concat([head, chunk.subarray(0, keep - head.length)]);
            bytes += chunk.length;
          });
          incoming.on('error', failed);
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, bytes, head }));
        },
      );
      outgoing.on('error', failed);
      outgoing.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private send(
    method: 'GET' | 'POST',
    path: string,
    form?: string,
    cookie?: string,
  ): Promise<ConsoleAnswer & { cookies: Record<string, string> }> {
    return new Promise((resolve) => {
      const headers: Record<string, string> = { 'user-agent': 'tinbao-bench' };
      if (cookie) headers.cookie = cookie;
      if (form !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = String(Buffer.byteLength(form));
      }
      const outgoing = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          headers,
          agent: this.agent,
          // From the call, the wait for a free socket included: every request ends within it.
          signal: AbortSignal.timeout(timeoutMs),
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', () => resolve({ status: 0, location: null, body: '', cookies: {} }));
          incoming.on('end', () => {
            const cookies: Record<string, string> = {};
            for (const line of incoming.headers['set-cookie'] ?? []) {
              const match = /^([^=]+)=([^;]*)/.exec(line);
              if (match?.[1] && match[2] !== undefined) cookies[match[1]] = decodeURIComponent(match[2]);
            }
            resolve({
              status: incoming.statusCode ?? 0,
              location: incoming.headers.location ?? null,
              body: Buffer.concat(chunks).toString('utf8'),
              cookies,
            });
          });
        },
      );
      outgoing.on('error', () => resolve({ status: 0, location: null, body: '', cookies: {} }));
      outgoing.end(form);
    });
  }
}
