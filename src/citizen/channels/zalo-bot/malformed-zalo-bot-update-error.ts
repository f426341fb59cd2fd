/**
 * A Zalo Bot update that cannot be read (no usable `message_id` or chat id, a known field of the
 * wrong type). The caller quarantines the raw body instead of retrying it: it will never parse.
 */
export class MalformedZaloBotUpdateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedZaloBotUpdateError';
  }
}
