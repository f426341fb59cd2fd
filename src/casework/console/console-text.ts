import { translate } from '../../platform/text/translate.ts';
import type { Language } from '../../platform/vocabulary/language.ts';

/** A console text (`console.<key>` in the locales) in the page's language. */
export function consoleText(
  language: Language,
  key: string,
  params?: Record<string, string | number>,
): string {
  return translate(language, { key: `console.${key}`, ...(params ? { params } : {}) });
}
