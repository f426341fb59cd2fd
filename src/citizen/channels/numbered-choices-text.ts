import { translate } from '../../platform/text/translate.ts';
import { languages } from '../../platform/vocabulary/language.ts';
import type { RenderedReply } from '../engine/reply.ts';

/**
 * A reply's text with its choices as a numbered list ("1. Tố giác tội phạm") and a hint to type
 * the number, for channels that cannot show (enough) buttons; typed numbers are understood by the
 * engine. The hint is in the reply's language, or in both when the reply does not say.
 */
export function numberedChoicesText(reply: RenderedReply): string {
  if (reply.choices.length === 0) return reply.text;
  const list = reply.choices.map((choice) => `${choice.number}. ${choice.label}`).join('\n');
  const hint = (reply.language ? [reply.language] : languages)
    .map((language) => translate(language, { key: 'choices.type_number' }))
    .join(' / ');
  return `${reply.text}\n\n${list}\n${hint}`;
}
