/**
 * Cuts a message text into parts of at most `max` UTF-16 units (never fewer than the characters
 * the platform counts). Each cut falls at the last line break, else the last space, in the second
 * half of the window, so parts end at natural boundaries; a hard cut never separates a surrogate
 * pair. Parts are trimmed at the cut. Example: `splitMessageText('a\nb', 2)` → `['a', 'b']`.
 */
export function splitMessageText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = max;
    if (isHighSurrogate(rest.charCodeAt(cut - 1))) cut -= 1;
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

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
