/**
 * The platform answered and refused the call (Telegram `ok: false`, Zalo non-zero `error`).
 * `retryAfterSeconds` comes from Telegram's `parameters.retry_after` on 429.
 */
export class PlatformRejectedError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`platform refused the call: ${code} ${description}`);
    this.name = 'PlatformRejectedError';
  }

  /** 429 and 5xx may succeed later; other refusals (blocked bot, bad request) will not. */
  get retryable(): boolean {
    return this.code === 429 || this.code >= 500;
  }
}

/** The platform could not be reached or did not answer in time: always worth retrying. */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}
