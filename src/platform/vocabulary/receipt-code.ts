import { randomBytes } from 'node:crypto';
import { foldDiacritics } from '../text/fold-diacritics.ts';

/** Crockford base32: no I, L, O (read as 1, 1, 0) and no U. */
export const receiptCodeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 13 symbols of 5 bits: 65 bits, far beyond what a rate-limited guesser can try. */
export const receiptCodeLength = 13;

const canonicalCode = /^[0-9A-HJKMNP-TV-Z]{13}$/;
const separators = /[\s\-‐‑‒–—_.·]/g;

// How Telex, the usual Vietnamese keyboard, turns letters of a code into one accented letter:
// "DD" becomes "Đ", "AA" "Â", "AW" "Ă", "AS" "Á", and a lone "W" becomes "Ư".
const telexModifiers: Readonly<Record<string, string>> = { '\u0302': 'double', '\u0306': 'w', '\u031B': 'w' };
const telexTones: Readonly<Record<string, string>> = {
  '\u0301': 's',
  '\u0300': 'f',
  '\u0309': 'r',
  '\u0303': 'x',
  '\u0323': 'j',
};

/** The keystrokes that Telex turned into each accented letter. */
function undoTelex(s: string): string {
  return s.normalize('NFC').replace(/\p{L}\p{M}*/gu, (cluster) => {
    if (cluster === 'đ' || cluster === 'Đ') return 'DD';
    const [base = '', ...marks] = cluster.normalize('NFD');
    // U is not in the alphabet, so Ư can only be a "W" typed alone.
    if (marks.length === 1 && marks[0] === '\u031B' && /[uU]/.test(base)) return 'W';
    let modifier = '';
    let tone = '';
    for (const mark of marks) {
      const m = telexModifiers[mark];
      if (m !== undefined) modifier = m === 'double' ? base : m;
      tone = telexTones[mark] ?? tone;
    }
    return base + modifier + tone;
  });
}

function canonicalise(s: string): string | null {
  const code = s.toUpperCase().replace(separators, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return canonicalCode.test(code) ? code : null;
}

/** A new receipt code for a reporter, formatted `XXXX-XXXX-XXXXX`, from a secure random source. */
export function generateReceiptCode(): string {
  // 256 is a multiple of 32, so keeping 5 bits of each byte gives uniform symbols.
  const symbols = Array.from(randomBytes(receiptCodeLength), (byte) => receiptCodeAlphabet[byte & 31]);
  return formatReceiptCode(symbols.join(''));
}

/**
 * The canonical 13-symbol form (no dashes, upper case) of a code as a person typed it, or null.
 * Diacritics, case, spaces, dashes and dots do not matter; O reads as 0, I and L as 1. Accented
 * letters that a Telex keyboard made from two keystrokes ("Đ" from "DD") are read back as those
 * keystrokes when plain removal of diacritics does not give a valid code.
 * Example: `normalizeReceiptCode('abcd-efgh-jk1mn')` → `'ABCDEFGHJK1MN'`.
 */
export function normalizeReceiptCode(input: string): string | null {
  // Stripping the accents and undoing Telex give different lengths whenever the input has an
  // accent, so at most one of them can be 13 symbols: the two readings never compete.
  return canonicalise(foldDiacritics(input)) ?? canonicalise(foldDiacritics(undoTelex(input)));
}

function assertCanonical(canonical: string): void {
  if (!canonicalCode.test(canonical)) throw new RangeError('not a canonical receipt code');
}

/** `XXXX-XXXX-XXXXX` for showing a canonical code; throws RangeError for a non-canonical one. */
export function formatReceiptCode(canonical: string): string {
  assertCanonical(canonical);
  return `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8)}`;
}
