import { catalogueKeys, translate } from '../../../platform/text/translate.ts';
import type { Language } from '../../../platform/vocabulary/language.ts';

const prefix = 'web_chat.';

/** The page's own texts (`web_chat.*` in the locales) for one language, keys without the prefix. */
export type WebChatTexts = Record<string, string>;

/** Reads every `web_chat.*` text of a language from the catalogue the engine uses. */
export function webChatTexts(language: Language): WebChatTexts {
  const texts: WebChatTexts = {};
  for (const key of catalogueKeys(language)) {
    if (key.startsWith(prefix)) texts[key.slice(prefix.length)] = translate(language, { key });
  }
  return texts;
}

/** The language a request asks for: English when it says so first, Vietnamese otherwise. */
export function requestLanguage(hint: string | undefined): Language {
  return hint?.trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}
