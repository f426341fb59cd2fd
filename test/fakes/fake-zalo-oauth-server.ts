import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackHttpServer, startLoopbackHttpServer } from './loopback-http-server.ts';

/**
 * A fake Zalo OAuth host (`oauth.zaloapp.com`) on 127.0.0.1: `POST /v4/oa/access_token`, form
 * encoded, `secret_key` header, answering as Zalo does (HTTP 200 with `error` / `error_name` on a
 * refusal). Refresh tokens are single use: each refresh issues a new pair and kills the refresh
 * token spent, so an old one is refused. Records every call; can be told to fail or to be slow.
 */
export interface OAuthCall {
  refreshToken: string;
  at: number;
  outcome: 'issued' | 'refused' | 'injected';
  /** The refresh token handed out in exchange, when one was. */
  issuedRefreshToken?: string;
}

export type OAuthFailure = { error: number; message: string } | { status: number };

export class FakeZaloOAuthServer {
  readonly calls: OAuthCall[] = [];
  /** Access tokens issued and not revoked, with their expiry. */
  readonly accessTokens = new Map<string, number>();
  /** Milliseconds every answer waits, so concurrent refreshes overlap. */
  delayMs = 0;
  accessTokenLifetimeSeconds = 90_000;
  private readonly liveRefreshTokens = new Set<string>();
  private readonly failures: OAuthFailure[] = [];

  private constructor(
    private readonly http: LoopbackHttpServer,
    readonly appId: string,
    readonly appSecret: string,
  ) {}

  static async start(options: { appId?: string; appSecret?: string } = {}): Promise<FakeZaloOAuthServer> {
    let fake: FakeZaloOAuthServer | undefined;
    const http = await startLoopbackHttpServer(
      (req, res) => fake?.handle(req, res),
      (res, error) => send(res, 500, { error: -1, message: String(error) }),
    );
    fake = new FakeZaloOAuthServer(
      http,
      options.appId ?? String(1_000_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e9))),
      options.appSecret ?? `app_secret_${randomBytes(8).toString('hex')}`,
    );
    return fake;
  }

  get root(): string {
    return this.http.root;
  }

  /** What an administrator's consent yields: a fresh refresh token. */
  consent(): string {
    const token = `rt_${randomBytes(24).toString('hex')}`;
    this.liveRefreshTokens.add(token);
    return token;
  }

  /** Whether Zalo would still accept this refresh token. */
  isLiveRefreshToken(token: string): boolean {
    return this.liveRefreshTokens.has(token);
  }

  /** The refresh token of the latest successful refresh: the only one a correct client keeps. */
  latestIssuedRefreshToken(): string | undefined {
    return this.calls.findLast((c) => c.issuedRefreshToken !== undefined)?.issuedRefreshToken;
  }

  isValidAccessToken(token: string): boolean {
    const expiresAt = this.accessTokens.get(token);
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  /** Makes Zalo forget an access token (what -216 reports). */
  revokeAccessToken(token: string): void {
    this.accessTokens.delete(token);
  }

  failNext(n: number, failure: OAuthFailure): void {
    for (let i = 0; i < n; i++) this.failures.push(failure);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v4/oa/access_token')
      return send(res, 404, { error: -404, message: 'not found' });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const refreshToken = form.get('refresh_token') ?? '';
    const call: OAuthCall = { refreshToken, at: Date.now(), outcome: 'refused' };
    this.calls.push(call);
    const failure = this.failures.shift();
    if (failure) {
      call.outcome = 'injected';
      if ('status' in failure) return send(res, failure.status, { message: 'Internal Server Error' });
      return send(res, 200, {
        error: failure.error,
        error_name: 'Injected',
        error_description: failure.message,
      });
    }
    if (req.headers.secret_key !== this.appSecret) {
      return send(res, 200, {
        error: -14003,
        error_name: 'Invalid secret key',
        error_description: 'secret_key is invalid',
      });
    }
    if (form.get('app_id') !== this.appId || form.get('grant_type') !== 'refresh_token') {
      return send(res, 200, {
        error: -14002,
        error_name: 'Invalid parameter',
        error_description: 'app_id or grant_type is invalid',
      });
    }
    if (!this.liveRefreshTokens.delete(refreshToken)) {
      return send(res, 200, {
        error: -14014,
        error_name: 'Invalid parameter',
        error_reason: 'Invalid refresh token',
        error_description: 'Refresh token is invalid',
      });
    }
    call.outcome = 'issued';
    const accessToken = `at_${randomBytes(24).toString('hex')}`;
    const nextRefresh = `rt_${randomBytes(24).toString('hex')}`;
    this.accessTokens.set(accessToken, Date.now() + this.accessTokenLifetimeSeconds * 1000);
    this.liveRefreshTokens.add(nextRefresh);
    call.issuedRefreshToken = nextRefresh;
    send(res, 200, {
      access_token: accessToken,
      refresh_token: nextRefresh,
      expires_in: String(this.accessTokenLifetimeSeconds),
    });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
