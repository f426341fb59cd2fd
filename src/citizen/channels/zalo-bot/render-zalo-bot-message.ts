import type { RenderedReply } from '../../engine/reply.ts';
import { numberedChoicesText } from '../numbered-choices-text.ts';

/**
 * Turns a translated reply into the text of a Zalo Bot message. The platform has no buttons, so
 * choices become a numbered list under the text followed by a short hint to type the number.
 * A location / contact request cannot be shown here; flows never ask for one on this channel
 * (its capabilities say so), and the text of such a reply already says what to type.
 */
export function renderZaloBotMessage(reply: RenderedReply): string {
  return numberedChoicesText(reply);
}
