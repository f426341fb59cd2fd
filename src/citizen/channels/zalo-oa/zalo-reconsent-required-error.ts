/**
 * The OA has no usable refresh token (Zalo refused it, or none was ever configured): nothing can be
 * sent until an administrator consents again. Retried by the dispatcher with backoff, so replies go
 * out once the new token is in place, and never crashes anything.
 */
export class ZaloReconsentRequiredError extends Error {
  constructor(reason: string) {
    super(`Zalo OA needs an administrator to consent again: ${reason}`);
    this.name = 'ZaloReconsentRequiredError';
  }
}
