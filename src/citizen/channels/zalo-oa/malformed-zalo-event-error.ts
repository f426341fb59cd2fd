/**
 * A Zalo webhook event that cannot be read (no event name, an id that is not a numeric string, a
 * known field of the wrong type). The intake quarantines it instead of retrying: it will never parse.
 */
export class MalformedZaloEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedZaloEventError';
  }
}
