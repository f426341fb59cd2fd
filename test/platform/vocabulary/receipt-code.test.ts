import { describe, expect, it } from 'vitest';
import {
  formatReceiptCode,
  generateReceiptCode,
  normalizeReceiptCode,
  receiptCodeAlphabet,
  receiptCodeLength,
} from '../../../src/platform/vocabulary/receipt-code.ts';

describe('generateReceiptCode', () => {
  it('draws 13 symbols from 32, at least 60 bits', () => {
    expect(new Set(receiptCodeAlphabet).size).toBe(32);
    expect(receiptCodeAlphabet).not.toMatch(/[ILOU]/);
    expect(receiptCodeLength * Math.log2(receiptCodeAlphabet.length)).toBeGreaterThanOrEqual(60);
  });

  it('formats codes as XXXX-XXXX-XXXXX from the Crockford alphabet', () => {
    for (let i = 0; i < 1000; i++) {
      expect(generateReceiptCode()).toMatch(
        /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/,
      );
    }
  });

  it('gives 100,000 different codes with every symbol about equally often', () => {
    const codes = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 100_000; i++) {
      const code = generateReceiptCode();
      codes.add(code);
      for (const symbol of code.replaceAll('-', '')) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    expect(codes.size).toBe(100_000);
    // 1.3 million symbols: each expected 40,625 times with a standard deviation near 200.
    expect(counts.size).toBe(32);
    for (const count of counts.values()) expect(Math.abs(count - 40_625)).toBeLessThan(2_000);
  });
});

describe('normalizeReceiptCode', () => {
  it.each([
    ['ABCD-EFGH-JK1MN', 'ABCDEFGHJK1MN'],
    ['abcd-efgh-jk lmn', 'ABCDEFGHJK1MN'],
    ['  abcd efgh jk1mn ', 'ABCDEFGHJK1MN'],
    ['abcd.efgh.jk1mn', 'ABCDEFGHJK1MN'],
    ['ABCD–EFGH—JK1MN', 'ABCDEFGHJK1MN'], // en and em dashes
    ['ABCDEFGHJK1MN', 'ABCDEFGHJK1MN'],
    ['oOiI-lL00-11111', '0011110011111'],
    ['O1I2-L3o4-i5l67', '0112130415167'],
    ['àbcđ-éfgh-jk1mn', 'ABCDEFGHJK1MN'], // diacritics removed
    ['A\u0300BCD-EFGH-JK1MN', 'ABCDEFGHJK1MN'], // decomposed
    ['0Đ12-3456-789A', '0DD123456789A'], // Telex made "DD" into "Đ"
    ['âB12-3456-789A', 'AAB123456789A'], // Telex made "AA" into "Â"
    ['áB12-3456-789A', 'ASB123456789A'], // Telex made "AS" into "Á"
    ['ư123-4567-89ABC', 'W123456789ABC'], // Telex made a lone "W" into "Ư"
    ['0Đ12-3456-789', null], // "DD" read back, but still one symbol short
  ])('reads %s as %s', (input, expected: string | null) => {
    expect(normalizeReceiptCode(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['ABCD-EFGH-JK1M', '12 symbols'],
    ['ABCD-EFGH-JK1MNP', '14 symbols'],
    ['ABCD-EFGH-JK1MU', 'U is not in the alphabet'],
    ['ABCD/EFGH/JK1MN', 'slashes'],
    ['ABCD-EFGH-JK1M#', 'a symbol'],
    ['tố giác', 'words'],
  ])('refuses %s (%s)', (input) => {
    expect(normalizeReceiptCode(input)).toBeNull();
  });

  it('reads back every generated code, formatted or not, in any case', () => {
    for (let i = 0; i < 1000; i++) {
      const formatted = generateReceiptCode();
      const canonical = formatted.replaceAll('-', '');
      expect(normalizeReceiptCode(formatted)).toBe(canonical);
      expect(normalizeReceiptCode(formatted.toLowerCase())).toBe(canonical);
      expect(formatReceiptCode(canonical)).toBe(formatted);
    }
  });
});

describe('formatReceiptCode', () => {
  it('groups a canonical code 4-4-5', () => {
    expect(formatReceiptCode('ABCDEFGHJK1MN')).toBe('ABCD-EFGH-JK1MN');
  });

  it('refuses a code that is not canonical', () => {
    expect(() => formatReceiptCode('ABCDEFGHJK1M')).toThrow(RangeError);
  });
});
