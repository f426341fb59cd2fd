/**
 * A Telegram update that cannot be read at all (no integer `update_id`, a message without a chat).
 * The caller quarantines the raw body instead of retrying it: it will never parse.
 */
export class MalformedTelegramUpdateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MalformedTelegramUpdateError';
  }
}
