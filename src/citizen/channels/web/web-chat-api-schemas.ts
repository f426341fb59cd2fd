import { z } from 'zod';
import { webChatMessageSchema } from './web-chat-message.ts';

/** Longest wait a reply request may ask for: short enough for proxies and phones that sleep. */
export const WEB_CHAT_MAX_WAIT_SECONDS = 25;

/** `POST /chat/api/messages`: one message with the page's own id for it (retries reuse the id). */
export const postMessageSchema = z.strictObject({
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  message: webChatMessageSchema,
  language: z.enum(['vi', 'en']).optional(),
});

/**
 * `POST /chat/api/replies`: replies after `after` (the last reply id the page has shown, which is
 * thereby acknowledged), waiting up to `waitSeconds` while the chat is being answered.
 */
export const fetchRepliesSchema = z.strictObject({
  after: z.string().regex(/^(0|[1-9]\d{0,18})$/),
  waitSeconds: z.number().int().min(0).max(WEB_CHAT_MAX_WAIT_SECONDS).default(0),
});
