// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlCharacters = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
// Embeddings, overrides and isolates can make a stored tip display differently from what was sent.
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Cleans a string that came from outside (a chat message, a form): NFC; lone surrogates become
 * U+FFFD; C0 control characters other than `\n` and `\t`, DEL and bidi embedding / override /
 * isolate characters are removed; a CR or CRLF line break becomes `\n`; the result is trimmed.
 * Idempotent. Example: `normalizeText(' To\u0302\u0301 gia\u0301c\u0000 ')` → `'Tố giác'`.
 */
export function normalizeText(s: string): string {
  return (
    s
      .replace(loneSurrogate, '\uFFFD')
      // A lone CR is a line break for some senders; dropping it would join two lines.
      .replace(/\r\n?/g, '\n')
      .replace(controlCharacters, '')
      .replace(bidiControls, '')
      // Composed after the removals so that a mark separated from its letter by a removed
      // character still combines with it.
      .normalize('NFC')
      .trim()
  );
}
