import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type WebChatMessage, webChatMessageSchema } from './web-chat-message.ts';

/**
 * What the web chat stores as an inbound event's raw payload. The server builds it from a request
 * it has already validated and normalised, so the bytes stored are never the client's own.
 */
export const webChatEnvelopeSchema = z.strictObject({
  v: z.literal(1),
  /** The dedupe key: a hash of the chat and the page's message id (see `webChatPlatformKey`). */
  key: z.string().regex(/^[0-9a-f]{64}$/),
  /** Derived from the session token; confidential like any chat id. */
  chatId: z.string().min(16).max(128),
  language: z.enum(['vi', 'en']).optional(),
  message: webChatMessageSchema,
});

export type WebChatEnvelope = z.infer<typeof webChatEnvelopeSchema>;

/**
 * The platform key of one page message: the same chat and client message id always give the same
 * key, so a retried POST is a duplicate, and the key reveals neither.
 */
export function webChatPlatformKey(chatId: string, clientMessageId: string): string {
  return createHash('sha256').update(`${chatId}\n${clientMessageId}`, 'utf8').digest('hex');
}

/** Builds the stored envelope for a validated message. */
export function buildWebChatEnvelope(
  chatId: string,
  clientMessageId: string,
  message: WebChatMessage,
  language: 'vi' | 'en' | undefined,
): WebChatEnvelope {
  const envelope: WebChatEnvelope = {
    v: 1,
    key: webChatPlatformKey(chatId, clientMessageId),
    chatId,
    message,
  };
  if (language) envelope.language = language;
  return envelope;
}
