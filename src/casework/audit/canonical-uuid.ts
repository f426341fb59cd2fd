const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A uuid as PostgreSQL writes it back (lower case, hyphenated), so the hash taken before the
 * insert matches the row read later; RangeError for any other spelling.
 * @example canonicalUuid('0B9F…-…') // '0b9f…-…'
 */
export function canonicalUuid(value: string): string {
  if (!uuid.test(value)) throw new RangeError('not a hyphenated uuid');
  return value.toLowerCase();
}
