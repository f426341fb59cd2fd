import type { RenderedReply } from '../engine/reply.ts';

/** One stored outbound call for a channel adapter to make. Stored encrypted: it holds tip text. */
export type OutboundPayload =
  | { type: 'reply'; reply: RenderedReply }
  | { type: 'answer_callback'; callbackQueryId: string };
