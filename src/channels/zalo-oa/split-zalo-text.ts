/** Zalo refuses consultation texts longer than this. */
export const ZALO_MAX_TEXT_CHARS = 2000;

/**
 * Cuts a text into parts of at most `max` UTF-16 units (never fewer than the characters Zalo
 * counts): at the last line break, else the last space, in the second half of each window, so
 * parts end at natural boundaries; a hard cut never separates a surrogate pair.
 * Example: `splitZaloText('a'.repeat(4500)).map((p) => p.length)` → `[2000, 2000, 500]`.
 */
export function splitZaloText(text: string, max = ZALO_MAX_TEXT_CHARS): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    const window = rest.slice(0, cut);
    const atLine = window.lastIndexOf('\n');
    const atSpace = window.search(/\s\S*$/);
    if (atLine > max / 2) cut = atLine + 1;
    else if (atSpace > max / 2) cut = atSpace + 1;
    const part = rest.slice(0, cut).trimEnd();
    if (part !== '') parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '' || parts.length === 0) parts.push(rest);
  return parts;
}
