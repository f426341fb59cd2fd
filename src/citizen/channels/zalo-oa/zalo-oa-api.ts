import { NetworkError, PlatformRejectedError } from '../delivery-error.ts';
import { ZaloApiError } from './zalo-api-error.ts';

export interface ZaloOaConnection {
  /** `https://openapi.zalo.me` in production; tests point it at the fake server. */
  apiRoot: string;
  /** `https://oauth.zaloapp.com` in production. */
  oauthRoot: string;
  appId: string;
  appSecret: string;
  /** Per call; 10 s by default. */
  timeoutMs?: number;
}

/** A message body of `POST /v3.0/oa/message/cs`, apart from the recipient. */
export interface ZaloMessage {
  text?: string;
  attachment?: { type: 'template'; payload: Record<string, unknown> };
}

export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives (Zalo: 90000, sent as a string). */
  expiresInSeconds: number;
}

export interface ZaloOaApi {
  /** Sends one consultation message; resolves with Zalo's message id. */
  sendMessage(accessToken: string, userId: string, message: ZaloMessage): Promise<string | null>;
  /** Spends a (single-use) refresh token for a new access and refresh token. */
  refreshAccessToken(refreshToken: string): Promise<ZaloTokenPair>;
}

/**
 * A typed client for the two Zalo hosts. Every call either resolves or throws `ZaloApiError` (Zalo
 * answered with a non-zero `error`, HTTP 200 included, or the OAuth host's `error_name` form),
 * `PlatformRejectedError` (HTTP 5xx or another non-2xx status) or `NetworkError` (no answer, timeout,
 * unreadable answer). Token values never appear in an error.
 */
export function createZaloOaApi(connection: ZaloOaConnection): ZaloOaApi {
  const timeoutMs = connection.timeoutMs ?? 10_000;

  const call = async (what: string, url: string, init: RequestInit): Promise<Record<string, unknown>> => {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : errorCode(error);
      throw new NetworkError(`Zalo ${what} failed: ${reason}`, { cause: error });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (response.status >= 400) throw new PlatformRejectedError(response.status, `HTTP ${response.status}`);
      throw new NetworkError(`Zalo ${what} answered something that is not JSON`, { cause: error });
    }
    if (response.status >= 500) throw new PlatformRejectedError(response.status, `HTTP ${response.status}`);
    const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const code = typeof record.error === 'number' ? record.error : Number(record.error ?? 0);
    if (Number.isFinite(code) && code !== 0) throw new ZaloApiError(code, describe(record));
    if (typeof record.error_name === 'string') throw new ZaloApiError(-1, describe(record));
    if (!response.ok) throw new PlatformRejectedError(response.status, `HTTP ${response.status}`);
    return record;
  };

  return {
    async sendMessage(accessToken, userId, message) {
      const answer = await call('send message', new URL('/v3.0/oa/message/cs', connection.apiRoot).href, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: accessToken },
        body: JSON.stringify({ recipient: { user_id: userId }, message }),
      });
      const data = answer.data as Record<string, unknown> | undefined;
      return typeof data?.message_id === 'string' ? data.message_id : null;
    },

    async refreshAccessToken(refreshToken) {
      const answer = await call('token refresh', new URL('/v4/oa/access_token', connection.oauthRoot).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: connection.appSecret },
        body: new URLSearchParams({
          refresh_token: refreshToken,
          app_id: connection.appId,
          grant_type: 'refresh_token',
        }).toString(),
      });
      const { access_token: access, refresh_token: refresh, expires_in: expires } = answer;
      const expiresInSeconds = Number(expires);
      // A body without both tokens is not a success, whatever its status: never store `undefined`.
      if (typeof access !== 'string' || access === '' || typeof refresh !== 'string' || refresh === '') {
        throw new ZaloApiError(-1, 'token answer without access_token and refresh_token');
      }
      return {
        accessToken: access,
        refreshToken: refresh,
        expiresInSeconds: Number.isFinite(expiresInSeconds) && expiresInSeconds > 0 ? expiresInSeconds : 3600,
      };
    },
  };
}

function describe(body: Record<string, unknown>): string {
  const text = [body.message, body.error_description, body.error_reason, body.error_name].find(
    (v) => typeof v === 'string' && v !== '',
  );
  return typeof text === 'string' ? text.slice(0, 200) : 'no message';
}

function errorCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown';
}
