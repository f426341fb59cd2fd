import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppendedAuditEntry } from '../../../src/casework/audit/append-audit.ts';
import { auditEntryHash } from '../../../src/casework/audit/audit-entry-hash.ts';
import type { JsonValue } from '../../../src/casework/audit/canonical-json.ts';
import { verifyAuditChain } from '../../../src/casework/audit/verify-audit-chain.ts';
import { createPgPool, type PgPool } from '../../../src/platform/database/create-pg-pool.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';
import { appendTestEntries } from './append-test-entries.ts';

let database: PrivateDatabase;
let pool: PgPool;
let appended: AppendedAuditEntry[];

beforeAll(async () => {
  // Rows are changed behind the log's back here: nobody else may share the table.
  database = await createPrivateDatabase();
  pool = createPgPool(database.url, 2);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});
beforeEach(async () => {
  await pool.query('TRUNCATE audit_entry');
  appended = await appendTestEntries(pool, 7);
});

// Small batches, so breaks at a batch's edge and inside one are both crossed.
const verify = () => verifyAuditChain(pool, { batchSize: 3 });

describe('verifyAuditChain', () => {
  it.each([1, 3, 7, 1000])(
    'passes an untouched chain of 7 rows read %i at a time, naming its head',
    async (batchSize) => {
      expect(await verifyAuditChain(pool, { batchSize })).toEqual({
        ok: true,
        rows: 7,
        head: appended.at(-1)?.hash.toString('hex'),
      });
    },
  );

  it('passes an empty log, whose head is the 32 zero bytes row 1 links to', async () => {
    await pool.query('TRUNCATE audit_entry');
    expect(await verify()).toEqual({ ok: true, rows: 0, head: '0'.repeat(64) });
  });

  it.each([
    ['detail', `UPDATE audit_entry SET detail = '{"fields":["phone"]}' WHERE id = $1`, '4'],
    ['detail (a null one given a value)', `UPDATE audit_entry SET detail = '{}' WHERE id = $1`, '3'],
    ['action', `UPDATE audit_entry SET action = 'report.list' WHERE id = $1`, '4'],
    ['at', `UPDATE audit_entry SET at = at + interval '1 millisecond' WHERE id = $1`, '4'],
    ['officer', 'UPDATE audit_entry SET officer_id = gen_random_uuid() WHERE id = $1', '2'],
    ['report', 'UPDATE audit_entry SET report_id = NULL WHERE id = $1', '1'],
    ['session', `UPDATE audit_entry SET session_id = 'other' WHERE id = $1`, '5'],
    ['the last row', `UPDATE audit_entry SET detail = '{"fields":[]}' WHERE id = $1`, '7'],
    ['a hash, truncated', 'UPDATE audit_entry SET hash = substring(hash from 1 for 16) WHERE id = $1', '4'],
  ])('names the row whose %s was changed in the database', async (_, sql, id) => {
    await pool.query(sql, [id]);
    expect(await verify()).toEqual({
      ok: false,
      firstBroken: { id, reason: 'hash_mismatch' },
      rows: Number(id) - 1,
    });
  });

  it.each(['1', '4', '6'])('names the missing id when row %s is deleted', async (id) => {
    await pool.query('DELETE FROM audit_entry WHERE id = $1', [id]);
    expect(await verify()).toEqual({
      ok: false,
      firstBroken: { id, reason: 'missing_row' },
      rows: Number(id) - 1,
    });
  });

  it('names the row whose prev_hash was changed', async () => {
    await pool.query(`UPDATE audit_entry SET prev_hash = '\\x00'::bytea WHERE id = 5`);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { id: '5', reason: 'prev_mismatch' } });
  });

  it('names the next row when a row was changed and given its new hash', async () => {
    const { rows } = await pool.query<{
      id: string;
      at: Date;
      officer_id: string | null;
      session_id: string | null;
      report_id: string | null;
      detail: JsonValue | null;
      prev_hash: Buffer;
    }>('SELECT id, at, officer_id, session_id, report_id, detail, prev_hash FROM audit_entry WHERE id = 4');
    const [row] = rows;
    if (row === undefined) throw new Error('no row 4');
    const forged = auditEntryHash(row.prev_hash, {
      id: row.id,
      at: row.at,
      officerId: row.officer_id,
      sessionId: row.session_id,
      action: 'report.list',
      reportId: row.report_id,
      detail: row.detail,
    });
    await pool.query(`UPDATE audit_entry SET action = 'report.list', hash = $1 WHERE id = 4`, [forged]);
    expect(await verify()).toEqual({ ok: false, firstBroken: { id: '5', reason: 'prev_mismatch' }, rows: 4 });
  });

  it('names a row slipped in below id 1', async () => {
    await pool.query(
      `INSERT INTO audit_entry (id, action, prev_hash, hash) VALUES (0, 'report.read', '\\x'::bytea, '\\x'::bytea)`,
    );
    expect(await verify()).toEqual({ ok: false, firstBroken: { id: '0', reason: 'prev_mismatch' }, rows: 0 });
  });
});
