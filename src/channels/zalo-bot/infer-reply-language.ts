import { type Language, languages } from '../../engine/conversation-state.ts';
import type { RenderedReply } from '../../engine/reply.ts';
import { catalogueKeys, translate } from '../../text/translate.ts';

// Every text that exists in one language only: a choice label found here names the language.
const ownTexts: ReadonlyMap<string, Language> = (() => {
  const owner = new Map<string, Language | null>();
  for (const language of languages) {
    for (const key of catalogueKeys(language)) {
      const text = translate(language, { key });
      const known = owner.get(text);
      owner.set(text, known === undefined || known === language ? language : null);
    }
  }
  return new Map([...owner].filter((entry): entry is [string, Language] => entry[1] !== null));
})();

/**
 * The language a rendered reply was translated into, read from its choice labels (a stored reply
 * carries no language): the language most labels belong to. Null when no label tells or the
 * languages tie, as on the language question, whose labels are the language names themselves.
 * Example: a reply whose choices include "⬅️ Quay lại" → `'vi'`.
 */
export function inferReplyLanguage(reply: RenderedReply): Language | null {
  const votes = new Map<Language, number>();
  for (const choice of reply.choices) {
    const language = ownTexts.get(choice.label);
    if (language) votes.set(language, (votes.get(language) ?? 0) + 1);
  }
  // A tie tells nothing: language names are offered in both languages ("Tiếng Việt" is also the
  // English catalogue's label for switching to Vietnamese).
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || (second && second[1] === first[1])) return null;
  return first[0];
}
