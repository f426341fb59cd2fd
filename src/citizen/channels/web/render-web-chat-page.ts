import { escapeHtml } from '../../../platform/http/html.ts';
import type { Language } from '../../../platform/vocabulary/language.ts';
import { type WebChatTexts, webChatTexts } from './web-chat-texts.ts';

export interface WebChatPageSettings {
  language: Language;
  /** Shown inside a unit's website (`/chat/embed.js`): a more compact header. */
  embedded: boolean;
  /** The deployment runs in DEMO_MODE: the page says it is not for real reports. */
  demo: boolean;
  maxTextLength: number;
}

/**
 * Fills the page template: `{{t:key}}` with the escaped `web_chat.key` text of the language,
 * the `<html lang>` and `{{body_class}}`, and `{{config}}` with the JSON the script reads (both
 * languages' texts, so switching needs no request). Throws on a text key the locales lack, so a
 * broken template fails at start-up rather than in front of a citizen.
 */
export function renderWebChatPage(template: string, settings: WebChatPageSettings): string {
  const texts = { vi: webChatTexts('vi'), en: webChatTexts('en') };
  const shown: WebChatTexts = texts[settings.language];
  const config = {
    language: settings.language,
    demo: settings.demo,
    maxTextLength: settings.maxTextLength,
    texts,
  };
  const classes = [settings.embedded ? 'embedded' : '', settings.demo ? 'demo' : ''].filter(Boolean);
  return template
    .replace(/\{\{t:([a-z_]+)\}\}/g, (_whole, key: string) => {
      const text = shown[key];
      if (text === undefined) throw new Error(`web chat page uses web_chat.${key}, missing in locales`);
      return escapeHtml(text);
    })
    .replace('<html lang="vi">', `<html lang="${settings.language}">`)
    .replaceAll('{{body_class}}', classes.join(' '))
    .replace('"{{config}}"', () => jsonForScriptBlock(config));
}

/** JSON inside `<script type="application/json">`: no `<` can close the element early. */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
