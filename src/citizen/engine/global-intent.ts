import { foldDiacritics } from '../../platform/text/fold-diacritics.ts';
import { translate } from '../../platform/text/translate.ts';
import { languages } from '../../platform/vocabulary/language.ts';

/** What a citizen may ask for from any step, by a word or a button. */
export type GlobalIntent = 'cancel' | 'back' | 'menu' | 'help';

/** The Back and Cancel buttons every in-flow question carries. */
export const navChoices = { nav_back: 'back', nav_cancel: 'cancel' } as const satisfies Record<
  string,
  GlobalIntent
>;

// Each intent's keywords of every language, folded once (a text message is checked against all).
const intentKeywords = (['cancel', 'back', 'menu', 'help'] as const).map((intent) => ({
  intent,
  words: new Set(
    languages.flatMap((language) =>
      translate(language, { key: `keywords.${intent}` })
        .split(',')
        .map(foldDiacritics),
    ),
  ),
}));

export function globalIntent(text: string): GlobalIntent | null {
  // The back and cancel buttons of a reply keyboard (location, contact) arrive as their label
  // typed: "⬅️ Quay lại". The emoji and marks are not part of the word.
  const folded = foldDiacritics(text.replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' '));
  return intentKeywords.find(({ words }) => words.has(folded))?.intent ?? null;
}
