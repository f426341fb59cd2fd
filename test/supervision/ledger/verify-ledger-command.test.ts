import { describe, expect, it } from 'vitest';
import { appendLedger } from '../../../src/supervision/ledger/append-ledger.ts';
import { type CommandRun, runCommand } from '../../support/run-command.ts';
import { testEnvironment } from '../../support/test-config.ts';
import { readLedger, submitLedgerReports, useLedgerDatabase } from './ledger-test-reports.ts';

// The row changed below must break only this file's ledger.
const database = useLedgerDatabase(2);

/** Runs the command as `npm run ledger:verify` does, with exactly the test environment. */
function verifyLedgerCommand(args: string[] = []): Promise<CommandRun> {
  return runCommand('verify-ledger.ts', args, testEnvironment({ DATABASE_URL: database.url }));
}

// Each run starts a Node process with tsx: seconds each, more on a busy machine.
describe('npm run ledger:verify', { timeout: 120_000 }, () => {
  it('prints the entry count and last hash and exits 0 for an intact ledger', async () => {
    await submitLedgerReports(database.url, database.pool, 2, new Date(Date.now() - 60_000));
    expect(await appendLedger(database.pool, 100)).toBe(6);
    const last = (await readLedger(database.pool)).at(-1);
    const run = await verifyLedgerCommand();
    expect(run).toEqual({
      code: 0,
      stdout: `ledger intact: 6 entries, last hash ${last?.hash.toString('hex')}\n`,
      stderr: '',
    });
  });

  it('names the first problem and exits 2 once a sealed report was changed in the database', async () => {
    const { rows } = await database.pool.query<{ id: string; register_number: string }>(
      `UPDATE report SET submitted_at = submitted_at + interval '1 second'
        WHERE register_seq = 2 RETURNING id, register_number`,
    );
    const changed = rows[0];
    const entry = (await readLedger(database.pool)).find((r) => r.subject_id === changed?.id);
    const run = await verifyLedgerCommand();
    expect(run).toEqual({
      code: 2,
      stdout: `ledger problem at entry ${entry?.id}: subject_changed (register number ${changed?.register_number})\n`,
      stderr: '',
    });
  });

  it('exits 1 with the usage for an unknown argument', async () => {
    const run = await verifyLedgerCommand(['--fix']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('usage: npm run ledger:verify');
  });
});
