import { isUuid } from '../../platform/database/is-uuid.ts';

/**
 * A uuid as PostgreSQL writes it back (lower case, hyphenated), so the hash taken before the
 * insert matches the row read later; RangeError for any other spelling.
 * @example canonicalUuid('0B9F…-…') // '0b9f…-…'
 */
export function canonicalUuid(value: string): string {
  if (!isUuid(value)) throw new RangeError('not a hyphenated uuid');
  return value.toLowerCase();
}
