import { Agent, request } from 'node:http';
import { totpCodeFor } from '../test/support/totp-code.ts';

/** A console answer: status, the Location of a redirect, and the body. */
export interface ConsoleAnswer {
  status: number;
  location: string | null;
  body: string;
}

const timeoutMs = 10_000;
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
      totp: totpCodeFor(totpSecret, Math.floor(Date.now() / 30_000)),
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
