/**
 * A stored web chat payload that does not have the envelope's shape. The API only stores envelopes
 * it built itself, so this means a bug or a tampered row: the event is quarantined, not retried.
 */
export class MalformedWebChatEnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedWebChatEnvelopeError';
  }
}
