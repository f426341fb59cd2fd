/**
 * The form used to compare Vietnamese text typed with or without diacritics: decomposed, combining
 * marks dropped, đ/Đ mapped to d, lower-cased, whitespace collapsed to one space, trimmed.
 * Example: `foldDiacritics('  Đắk  Lắk ')` → `'dak lak'`.
 */
export function foldDiacritics(s: string): string {
  return (
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // đ has no decomposition, so NFD leaves it alone. Ð (U+00D0, Icelandic eth) looks the same
      // and comes out of some old Vietnamese fonts and keyboards in place of Đ.
      .replace(/[đ]/g, 'd')
      .replace(/[ĐÐ]/g, 'D')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}
