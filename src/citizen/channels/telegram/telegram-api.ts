import { Telegram, TelegramError } from 'telegraf';
import type { Opts, Telegram as TelegramMethods } from 'telegraf/types';
import { NetworkError, PlatformRejectedError } from '../delivery-error.ts';

export interface TelegramConnection {
  token: string;
  /** Defaults to `https://api.telegram.org`; tests point it at the fake server. */
  apiRoot?: string;
}

export interface TelegramCallOptions {
  /** The call fails with `NetworkError` when Telegram has not answered by then. */
  timeoutMs: number;
  /** Aborting it ends the call at once, also with `NetworkError`. */
  signal?: AbortSignal;
}

/** The Bot API as this adapter calls it: telegraf underneath, the project's error types outside. */
export interface TelegramApi {
  call<M extends keyof TelegramMethods>(
    method: M,
    payload: Opts<M>,
    options: TelegramCallOptions,
  ): Promise<ReturnType<TelegramMethods[M]>>;
}

/**
 * Creates a Bot API client. Every call either resolves with Telegram's `result` or throws
 * `PlatformRejectedError` (Telegram answered `ok: false` or 5xx; 429 carries `retry_after`) or
 * `NetworkError` (no answer, timeout, abort, unreadable answer), so no telegraf type leaves this
 * folder.
 */
export function createTelegramApi(connection: TelegramConnection): TelegramApi {
  // webhookReply off: telegraf would otherwise answer some calls inside a webhook's HTTP response,
  // where their failures are invisible.
  const telegram = new Telegram(
    connection.token,
    connection.apiRoot === undefined
      ? { webhookReply: false }
      : { apiRoot: connection.apiRoot, webhookReply: false },
  );
  return {
    async call(method, payload, options) {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
      try {
        // telegraf types the signal with the `abort-controller` polyfill; node-fetch accepts Node's.
        return await telegram.callApi(method, payload, { signal: signal as never });
      } catch (error) {
        throw toDeliveryError(method, error, timeout.aborted);
      }
    },
  };
}

function toDeliveryError(method: string, error: unknown, timedOut: boolean): Error {
  if (error instanceof TelegramError) {
    const retryAfter = error.parameters?.retry_after;
    return new PlatformRejectedError(
      typeof error.code === 'number' ? error.code : 0,
      String(error.description ?? ''),
      typeof retryAfter === 'number' ? retryAfter : undefined,
    );
  }
  // telegraf redacts the token from fetch error messages; the cause keeps the details.
  const reason = timedOut ? 'timed out' : error instanceof Error ? error.message : String(error);
  return new NetworkError(`Telegram ${method} failed: ${reason}`, { cause: error });
}
