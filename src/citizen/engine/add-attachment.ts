import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import type { ConversationState } from './conversation-state.ts';
import type { InboundMessage } from './inbound-message.ts';

/** Most attachments one report keeps; more are refused with a message. */
export const maxAttachments = 10;

/**
 * Adds an attachment to the draft, refusing stickers and going over the limit. Shared by the
 * evidence step and by photos sent early.
 */
export function addAttachment(
  state: ConversationState,
  message: Extract<InboundMessage, { kind: 'attachment' }>,
): { state: ConversationState; error?: undefined } | { error: LocalText } {
  if (message.attachment.kind === 'sticker') return { error: { key: 'evidence.sticker_declined' } };
  if (state.draft.attachments.length >= maxAttachments) {
    return { error: { key: 'evidence.too_many', params: { limit: maxAttachments } } };
  }
  const attachments = [...state.draft.attachments, message.attachment];
  const next: ConversationState = { ...state, draft: { ...state.draft, attachments } };
  if (message.groupId !== undefined) next.lastMediaGroupId = message.groupId;
  // A caption is part of what the citizen said: keep it with the notes rather than drop it.
  if (message.caption)
    next.draft = { ...next.draft, amendments: [...next.draft.amendments, message.caption] };
  return { state: next };
}
