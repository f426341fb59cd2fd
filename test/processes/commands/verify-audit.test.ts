import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, type PgPool } from '../../../src/platform/database/create-pg-pool.ts';
import { appendTestEntries } from '../../casework/audit/append-test-entries.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';
import { type CommandRun, runCommand } from '../../support/run-command.ts';
import { testEnvironment } from '../../support/test-config.ts';

let database: PrivateDatabase;
let pool: PgPool;

beforeAll(async () => {
  // The row changed below must break only this file's chain.
  database = await createPrivateDatabase();
  pool = createPgPool(database.url, 2);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** Runs the command as `npm run audit:verify` does, with exactly the test environment. */
function verifyAudit(args: string[] = []): Promise<CommandRun> {
  return runCommand('verify-audit.ts', args, testEnvironment({ DATABASE_URL: database.url }));
}

// Each run starts a Node process with tsx: seconds each, more on a busy machine.
describe('npm run audit:verify', { timeout: 120_000 }, () => {
  it('prints the row count and head and exits 0 for an intact chain', async () => {
    const appended = await appendTestEntries(pool, 4);
    const run = await verifyAudit();
    expect(run).toEqual({
      code: 0,
      stdout: `audit chain ok: 4 rows, head ${appended.at(-1)?.hash.toString('hex')}\n`,
      stderr: '',
    });
  });

  it('names the first broken row and exits 2 once a row was changed in the database', async () => {
    await pool.query(`UPDATE audit_entry SET action = 'report.list' WHERE id = 2`);
    const run = await verifyAudit();
    expect(run).toEqual({ code: 2, stdout: 'audit chain broken at row 2: hash_mismatch\n', stderr: '' });
  });

  it('exits 1 with the usage for an unknown argument', async () => {
    const run = await verifyAudit(['--fix']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('usage: npm run audit:verify');
  });
});
