const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `text` is a hyphenated uuid in either case, as PostgreSQL's `uuid` type reads one: an
 * id of any other shape names no row, and binding it would make the statement fail.
 * @example isUuid('0b9f6f4e-…') // true
 */
export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}
