import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueRegisterNumber } from '../../../src/intake/register/issue-register-number.ts';
import { createPgPool, inTransaction, type PgPool } from '../../../src/platform/database/create-pg-pool.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';

let database: PrivateDatabase;
let pool: PgPool;
beforeAll(async () => {
  database = await createPrivateDatabase();
  pool = createPgPool(database.url, 10);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('issueRegisterNumber', () => {
  it('gives 40 concurrent submissions the numbers 1…40 with no gap and no repeat', async () => {
    const entries = await Promise.all(
      Array.from({ length: 40 }, () => inTransaction(pool, {}, (tx) => issueRegisterNumber(tx, 'TB', 2026))),
    );
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(entries.find((e) => e.seq === 7)?.number).toBe('TB-2026-000007');
  });

  it('returns a number when the submitting transaction rolls back, so the register keeps no gap', async () => {
    await inTransaction(pool, {}, (tx) => issueRegisterNumber(tx, 'GAP', 2026));
    await expect(
      inTransaction(pool, {}, async (tx) => {
        await issueRegisterNumber(tx, 'GAP', 2026);
        throw new Error('submission failed after taking a number');
      }),
    ).rejects.toThrow('submission failed');
    const next = await inTransaction(pool, {}, (tx) => issueRegisterNumber(tx, 'GAP', 2026));
    expect(next.seq).toBe(2);
  });

  it('numbers each register and year on its own', async () => {
    const a = await inTransaction(pool, {}, (tx) => issueRegisterNumber(tx, 'YR', 2026));
    const b = await inTransaction(pool, {}, (tx) => issueRegisterNumber(tx, 'YR', 2027));
    expect([a.number, b.number]).toEqual(['YR-2026-000001', 'YR-2027-000001']);
  });
});
