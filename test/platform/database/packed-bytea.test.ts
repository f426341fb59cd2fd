import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { packBytea } from '../../../src/platform/database/packed-bytea.ts';

// Only statements without tables: the run's shared database is enough.
const client = new pg.Client({ connectionString: inject('databaseUrl') });
beforeAll(() => client.connect());
afterAll(() => client.end());

/** What the server cuts out of a packed parameter, in order. */
async function unpack(values: (Buffer | null)[]): Promise<(Buffer | null)[]> {
  const packed = packBytea(values);
  const { rows } = await client.query<{ value: Buffer | null }>(
    `SELECT substring($1::bytea FROM t.start FOR t.length) AS value
     FROM unnest($2::int[], $3::int[]) WITH ORDINALITY AS t(start, length, n) ORDER BY n`,
    [packed.data, packed.starts, packed.lengths],
  );
  return rows.map((row) => row.value);
}

describe('packBytea', () => {
  it('gives back every value byte for byte, in order, through PostgreSQL', async () => {
    const values = Array.from({ length: 300 }, (_, i) => randomBytes(1 + ((i * 37) % 900)));
    expect(await unpack(values)).toEqual(values);
  });

  it('keeps nulls null and empty values empty, wherever they stand', async () => {
    const values = [
      null,
      Buffer.alloc(0),
      Buffer.from([0, 255, 92, 120]),
      null,
      Buffer.alloc(0),
      Buffer.from('x'),
    ];
    expect(await unpack(values)).toEqual(values);
  });

  it('sends nothing for no values', async () => {
    expect(await unpack([])).toEqual([]);
    expect(packBytea([])).toEqual({ data: Buffer.alloc(0), starts: [], lengths: [] });
  });

  it('counts from 1, as SQL substring does', () => {
    expect(packBytea([Buffer.from('ab'), null, Buffer.from('cde')])).toEqual({
      data: Buffer.from('abcde'),
      starts: [1, null, 3],
      lengths: [2, null, 3],
    });
  });
});
