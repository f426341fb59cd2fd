import { foldDiacritics } from '../../platform/text/fold-diacritics.ts';
import { translate } from '../../platform/text/translate.ts';
import { languages } from '../../platform/vocabulary/language.ts';
import { normalizeReceiptCode } from '../../platform/vocabulary/receipt-code.ts';

// The status phrases of every language as folded words, longest first ("tra cuu ma" before "tra cuu").
const phrases = languages
  .flatMap((language) => translate(language, { key: 'keywords.status' }).split(','))
  .map((phrase) => foldDiacritics(phrase).split(' '))
  .sort((a, b) => b.length - a.length);

/**
 * The code typed after a status phrase ("tra cứu ABCD-EFGH-JKMNP", "Mã tra cứu: …", "status …"),
 * as typed, or null. Only a remainder that reads as a code, or holds a digit (a code mistyped),
 * counts: "Tra cứu kết quả bằng mã", the menu's own label, stays the menu choice.
 * Example: `statusQueryCode('tra cuu abcd efgh jkmnp')` → `'abcd efgh jkmnp'`.
 */
export function statusQueryCode(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[\s:]+/)
    .filter((word) => word !== '');
  const phrase = phrases.find(
    (candidate) =>
      words.length > candidate.length &&
      candidate.every((word, i) => foldDiacritics(words[i] ?? '') === word),
  );
  if (phrase === undefined) return null;
  const rest = words.slice(phrase.length).join(' ');
  return normalizeReceiptCode(rest) !== null || /\d/.test(rest) ? rest : null;
}
