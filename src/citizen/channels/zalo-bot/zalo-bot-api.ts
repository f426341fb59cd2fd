import { NetworkError, PlatformRejectedError } from '../delivery-error.ts';
import { isRecord } from '../is-record.ts';

export interface ZaloBotConnection {
  token: string;
  /** `https://bot-api.zaloplatforms.com` in production; tests point it at the fake server. */
  apiRoot: string;
}

export interface ZaloBotCallOptions {
  /** The call fails with `NetworkError` when the platform has not answered by then. */
  timeoutMs: number;
  /** Aborting it ends the call at once, also with `NetworkError`. */
  signal?: AbortSignal;
}

export type ZaloBotMethod =
  | 'getMe'
  | 'getUpdates'
  | 'setWebhook'
  | 'deleteWebhook'
  | 'getWebhookInfo'
  | 'sendMessage'
  | 'sendPhoto'
  | 'sendChatAction';

/** The Bot Platform's HTTP API: `POST <apiRoot>/bot<token>/<method>` with a JSON body. */
export interface ZaloBotApi {
  call(method: ZaloBotMethod, params: Record<string, unknown>, options: ZaloBotCallOptions): Promise<unknown>;
}

/**
 * Creates a Bot Platform client. A call resolves with the answer's `result` when it says
 * `ok: true`; otherwise it throws `PlatformRejectedError` (the platform answered `ok: false`, or
 * 429 / 5xx without a readable body) carrying `error_code`, `description` and any retry hint
 * (`parameters.retry_after` or a `Retry-After` header), or `NetworkError` (no answer, timeout,
 * abort, an unreadable 2xx answer). Error messages never contain the token or the request body.
 * Example: `await api.call('sendMessage', { chat_id, text: 'Xin chào' }, { timeoutMs: 10_000 })`.
 */
export function createZaloBotApi(connection: ZaloBotConnection): ZaloBotApi {
  const root = connection.apiRoot.replace(/\/+$/, '');
  return {
    async call(method, params, options) {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${root}/bot${connection.token}/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(params),
          signal,
        });
        text = await response.text();
      } catch (error) {
        const reason = timeout.aborted
          ? 'timed out'
          : signal.aborted
            ? 'aborted'
            : errorName(error).replaceAll(connection.token, '<token>');
        throw new NetworkError(`Zalo Bot ${method} failed: ${reason}`, { cause: error });
      }
      const retryAfterHeader = readRetryAfterHeader(response.headers.get('retry-after'));
      const answer = readJson(text);
      if (isRecord(answer) && answer.ok === true) return answer.result;
      if (isRecord(answer) && answer.ok === false) {
        throw rejection(response.status, answer, retryAfterHeader);
      }
      if (response.status === 429 || response.status >= 500) {
        throw new PlatformRejectedError(response.status, `HTTP ${response.status}`, retryAfterHeader);
      }
      throw new NetworkError(`Zalo Bot ${method} failed: unreadable answer (HTTP ${response.status})`);
    },
  };
}

function rejection(
  status: number,
  answer: Record<string, unknown>,
  retryAfterHeader: number | undefined,
): PlatformRejectedError {
  const errorCode = typeof answer.error_code === 'number' ? answer.error_code : undefined;
  // A 429 or 5xx transport status decides retrying even when the platform's own code says less.
  const transportRetryable = status === 429 || status >= 500;
  const code =
    errorCode === undefined || (transportRetryable && !isRetryableCode(errorCode)) ? status : errorCode;
  const description = typeof answer.description === 'string' ? answer.description.slice(0, 300) : '';
  const parameters = isRecord(answer.parameters) ? answer.parameters : {};
  const retryAfter =
    typeof parameters.retry_after === 'number' &&
    Number.isFinite(parameters.retry_after) &&
    parameters.retry_after >= 0
      ? Math.ceil(parameters.retry_after)
      : retryAfterHeader;
  return new PlatformRejectedError(code, description, retryAfter);
}

function isRetryableCode(code: number): boolean {
  return code === 429 || code >= 500;
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
function readRetryAfterHeader(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d{1,6}$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
