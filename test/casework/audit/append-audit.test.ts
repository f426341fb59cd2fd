import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../src/casework/audit/append-audit.ts';
import { verifyAuditChain } from '../../../src/casework/audit/verify-audit-chain.ts';
import { createPgPool, inTransaction, type PgPool } from '../../../src/platform/database/create-pg-pool.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';
import { appendTestEntries } from './append-test-entries.ts';

let database: PrivateDatabase;
let pool: PgPool;

beforeAll(async () => {
  // The chain spans the whole table: rows other files append must not interleave with these.
  database = await createPrivateDatabase();
  pool = createPgPool(database.url, 10);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});
beforeEach(async () => {
  await pool.query('TRUNCATE audit_entry');
});

interface StoredRow {
  id: string;
  at: Date;
  prev_hash: Buffer;
  hash: Buffer;
}

async function storedRows(): Promise<StoredRow[]> {
  const { rows } = await pool.query<StoredRow>('SELECT id, at, prev_hash, hash FROM audit_entry ORDER BY id');
  return rows;
}

class Rollback extends Error {}

describe('appendAudit', () => {
  it('hashes 32 zero bytes and the sorted-key JSON of the row, id as text and time in UTC with ms', async () => {
    const officerId = randomUUID();
    const reportId = randomUUID();
    await inTransaction(pool, {}, (client) =>
      appendAudit(client, {
        officerId: officerId.toUpperCase(),
        sessionId: 's-1',
        action: 'report.read',
        reportId,
        detail: { fields: ['status'], a: [1, 'x'] },
      }),
    );
    const [row] = await storedRows();
    if (row === undefined) throw new Error('no row');
    // Written out by hand, so a change of the canonical form fails here and not only in the verifier.
    const text =
      `{"action":"report.read","at":"${row.at.toISOString()}","detail":{"a":[1,"x"],"fields":["status"]},` +
      `"id":"1","officerId":"${officerId}","reportId":"${reportId}","sessionId":"s-1"}`;
    expect(row.at.toISOString()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(row.prev_hash).toEqual(Buffer.alloc(32));
    expect(row.hash).toEqual(createHash('sha256').update(Buffer.alloc(32)).update(text).digest());
  });

  it('links each row to the one before and numbers them 1, 2, 3… with rising times', async () => {
    const appended = await appendTestEntries(pool, 5);
    const rows = await storedRows();
    expect(rows.map((row) => row.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(rows.map((row) => row.hash)).toEqual(appended.map((entry) => entry.hash));
    for (let i = 1; i < rows.length; i += 1) {
      expect(rows[i]?.prev_hash).toEqual(rows[i - 1]?.hash);
      expect(rows[i]?.at.getTime()).toBeGreaterThanOrEqual(rows[i - 1]?.at.getTime() ?? Number.NaN);
    }
  });

  it('rolls back with the transaction it is in, and the next append takes the id it left (no gap)', async () => {
    await appendTestEntries(pool, 2);
    await expect(
      inTransaction(pool, {}, async (client) => {
        await appendAudit(client, { officerId: randomUUID(), sessionId: 's', action: 'report.accept' });
        throw new Rollback('the change it records failed');
      }),
    ).rejects.toThrow(Rollback);
    await appendTestEntries(pool, 1);
    expect((await storedRows()).map((row) => row.id)).toEqual(['1', '2', '3']);
    expect(await verifyAuditChain(pool, { batchSize: 100 })).toMatchObject({ ok: true, rows: 3 });
  });

  it('keeps one unbroken chain under a burst of 100 appends from 10 connections, some rolled back', async () => {
    let rolledBack = 0;
    const connection = async (c: number) => {
      for (let i = 0; i < 11; i += 1) {
        const rollBack = i === 10 - c;
        const append = inTransaction(pool, {}, async (client) => {
          // Work before the append, as a caller's change would, so transactions overlap.
          await client.query('SELECT pg_sleep(0.001)');
          await appendAudit(client, { officerId: randomUUID(), sessionId: `c${c}`, action: 'report.read' });
          if (rollBack) throw new Rollback('rolled back');
        });
        if (rollBack) {
          await expect(append).rejects.toThrow(Rollback);
          rolledBack += 1;
        } else {
          await append;
        }
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, c) => connection(c)));
    expect(rolledBack).toBe(10);
    const rows = await storedRows();
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 100 }, (_, i) => String(i + 1)));
    expect(await verifyAuditChain(pool, { batchSize: 30 })).toEqual({
      ok: true,
      rows: 100,
      head: rows.at(-1)?.hash.toString('hex'),
    });
  });

  it('refuses a detail jsonb would change and an id PostgreSQL would respell, writing nothing', async () => {
    const at = new Date();
    await expect(
      inTransaction(pool, {}, (client) =>
        appendAudit(client, {
          officerId: null,
          sessionId: null,
          action: 'x',
          detail: { at: at as unknown as string },
        }),
      ),
    ).rejects.toThrow(RangeError);
    await expect(
      inTransaction(pool, {}, (client) =>
        appendAudit(client, { officerId: randomUUID().replaceAll('-', ''), sessionId: null, action: 'x' }),
      ),
    ).rejects.toThrow(RangeError);
    expect(await storedRows()).toEqual([]);
  });
});
