import { PlatformRejectedError } from '../delivery-error.ts';

/** Access token refused: refresh it and try once more. */
const tokenErrors = new Set([-216, -220, -124]);
/** The citizen last wrote more than 7 days ago: no consultation message may be sent. */
const windowErrors = new Set([-230, -232]);
const rateLimitError = -32;

/**
 * Zalo answered (often with HTTP 200) and refused the call: `error` is Zalo's non-zero code,
 * `description` its message. Extends `PlatformRejectedError` so the dispatcher handles it, with
 * Zalo's own idea of what is worth retrying: only the rate limit (-32); a token error is retried by
 * the sender itself after a refresh; being outside the 7-day window never heals by retrying.
 */
export class ZaloApiError extends PlatformRejectedError {
  constructor(
    readonly zaloCode: number,
    message: string,
  ) {
    const window = windowErrors.has(zaloCode);
    super(
      zaloCode,
      window ? `outside the 7-day reply window: ${message}` : message,
      zaloCode === rateLimitError ? 30 : undefined,
    );
    this.name = 'ZaloApiError';
  }

  get isTokenError(): boolean {
    return tokenErrors.has(this.zaloCode);
  }

  get isOutsideWindow(): boolean {
    return windowErrors.has(this.zaloCode);
  }

  /**
   * A rate limit passes; so may a token refused even after the sender replaced it once (a refresh
   * racing another process's): the message is tried again later rather than lost.
   */
  override get retryable(): boolean {
    return this.zaloCode === rateLimitError || this.isTokenError;
  }
}
