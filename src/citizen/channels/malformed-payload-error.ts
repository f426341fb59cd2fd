/**
 * A platform payload that cannot be read at all (no update id, a message without a chat, a body of
 * the wrong shape). The intake quarantines the raw body instead of retrying it: it will never parse.
 * One class for every channel: the event's row already says which channel it came from.
 */
export class MalformedPayloadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedPayloadError';
  }
}
