import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/platform/text/normalize-text.ts';

describe('normalizeText', () => {
  it('composes decomposed Vietnamese to NFC', () => {
    const decomposed = 'To\u0302\u0301 gia\u0301c'; // "Tố giác" as some keyboards send it
    const result = normalizeText(decomposed);
    expect(result).toBe('Tố giác');
    expect(result).toBe(result.normalize('NFC'));
    expect(result.length).toBe(7);
  });

  it('removes NUL, other C0 controls and DEL but keeps newlines and tabs', () => {
    expect(normalizeText('a\u0000b\u0007c\u001Bd\u007Fe\tf\ng')).toBe('abcde\tf\ng');
  });

  it('turns CRLF and lone CR line breaks into LF rather than joining lines', () => {
    expect(normalizeText('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
  });

  it('removes bidi embedding, override and isolate characters', () => {
    const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    expect(normalizeText(`x${bidi}y`)).toBe('xy');
    expect(normalizeText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('replaces lone surrogates with U+FFFD and keeps surrogate pairs', () => {
    expect(normalizeText('a\uD800b')).toBe('a\uFFFDb');
    expect(normalizeText('a\uDC00b')).toBe('a\uFFFDb');
    expect(normalizeText('end\uD83D')).toBe('end\uFFFD');
    expect(normalizeText('ok 😀')).toBe('ok 😀');
  });

  it('composes a mark with its letter when a removed character stood between them', () => {
    expect(normalizeText('a\u0000\u0301')).toBe('á');
  });

  it('trims surrounding whitespace, including whitespace left after removals', () => {
    expect(normalizeText('  \u0000 tin báo \n\u202E ')).toBe('tin báo');
  });

  it('is idempotent', () => {
    const once = normalizeText(' Tho\u0302ng\u0000 ba\u0301o\r\n\u202Ex\uD800 ');
    expect(normalizeText(once)).toBe(once);
  });
});
