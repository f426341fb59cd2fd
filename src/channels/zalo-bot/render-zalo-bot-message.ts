import { languages } from '../../engine/conversation-state.ts';
import type { RenderedReply } from '../../engine/reply.ts';
import { translate } from '../../text/translate.ts';
import { inferReplyLanguage } from './infer-reply-language.ts';

/**
 * Turns a translated reply into the text of a Zalo Bot message. The platform has no buttons, so
 * choices become a numbered list under the text ("1. Tố giác tội phạm") followed by a short hint to
 * type the number, in the reply's language (both languages when the reply does not tell which).
 * A location / contact request cannot be shown here; flows never ask for one on this channel
 * (its capabilities say so), and the text of such a reply already says what to type.
 */
export function renderZaloBotMessage(reply: RenderedReply): string {
  if (reply.choices.length === 0) return reply.text;
  const list = reply.choices.map((choice) => `${choice.number}. ${choice.label}`).join('\n');
  const language = inferReplyLanguage(reply);
  const hint = (language ? [language] : languages)
    .map((lang) => translate(lang, { key: 'zalo_bot.type_number' }))
    .join(' / ');
  return `${reply.text}\n\n${list}\n${hint}`;
}
