/** A value that survives a round trip through `jsonb` unchanged (numbers finite, keys strings). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The one text of a JSON value that is hashed: no whitespace, object keys sorted by UTF-16 code
 * units at every depth, numbers and strings as `JSON.stringify` writes them (the rules of RFC 8785,
 * JCS). A value read back from `jsonb` (which reorders keys and drops duplicates) gives the same
 * text as the value written. Throws RangeError for what JSON cannot carry as written (undefined, a
 * function, NaN or ±Infinity, an object other than a plain object or array), so no value is
 * silently changed between the hash and the row.
 * @example canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${Array.from(value, canonicalJson).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  throw new RangeError(
    `canonical JSON cannot carry a ${typeof value === 'object' ? 'non-plain object' : typeof value}`,
  );
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
