import { readFileSync } from 'node:fs';
import type { Language } from '../vocabulary/language.ts';
import type { LocalText } from '../vocabulary/local-text.ts';

type Catalogue = Record<string, string>;

const localesDir = new URL('../../../locales/', import.meta.url);

function loadCatalogue(language: Language): Catalogue {
  const raw = JSON.parse(readFileSync(new URL(`${language}/messages.json`, localesDir), 'utf8')) as unknown;
  if (typeof raw !== 'object' || raw === null)
    throw new Error(`locales/${language}/messages.json is not an object`);
  const catalogue: Catalogue = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string')
      throw new Error(`locales/${language}/messages.json: ${key} is not a string`);
    catalogue[key] = value.normalize('NFC');
  }
  return catalogue;
}

const catalogues: Record<Language, Catalogue> = { vi: loadCatalogue('vi'), en: loadCatalogue('en') };

/** Every key of a language's catalogue (used by the parity test). */
export function catalogueKeys(language: Language): string[] {
  return Object.keys(catalogues[language]);
}

export function hasText(key: string): boolean {
  return key in catalogues.vi && key in catalogues.en;
}

/**
 * Renders a text in a language, filling `{name}` placeholders. A missing key is a programming
 * error (the locale test catches it), so it throws rather than showing a key to a citizen.
 */
export function translate(language: Language, text: LocalText): string {
  const template = catalogues[language][text.key];
  if (template === undefined) throw new Error(`missing text ${text.key} in locales/${language}`);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = text.params?.[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? translate(language, value) : String(value);
  });
}
