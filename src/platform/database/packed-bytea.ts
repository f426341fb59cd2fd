/**
 * Many bytea values of one statement as a single binary parameter, with where each value starts
 * (1-based, as SQL's `substring` counts) and how long it is; a null value has both null.
 *
 * node-postgres sends a `bytea[]` parameter as an array literal in text, each value hex-encoded
 * (twice its size) and escaped, which the server parses back element by element; a Buffer
 * parameter goes as raw bytes, so packing saves both the client's encoding and the server's
 * parsing.
 *
 * In SQL: `substring($data::bytea FROM t.start FOR t.length)` over
 * `unnest(…, $starts::int[], $lengths::int[]) AS t(…, start, length)`.
 */
export interface PackedBytea {
  data: Buffer;
  starts: (number | null)[];
  lengths: (number | null)[];
}

export function packBytea(values: readonly (Buffer | null)[]): PackedBytea {
  const starts: (number | null)[] = [];
  const lengths: (number | null)[] = [];
  const present: Buffer[] = [];
  let next = 1;
  for (const value of values) {
    if (value === null) {
      starts.push(null);
      lengths.push(null);
      continue;
    }
    starts.push(next);
    lengths.push(value.length);
    present.push(value);
    next += value.length;
  }
  return { data: Buffer.concat(present), starts, lengths };
}
