import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseClient, type Database } from '../../src/database/create-database-client.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database.ts';
import { intakeSeeder } from '../support/seed-intake-rows.ts';
import { testEnvironment } from '../support/test-config.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let database: PrivateDatabase;
let db: Database;

beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDatabaseClient(database.url, 2);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command as `npm run reconcile` does, with exactly the test environment. */
function reconcile(args: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/commands/print-intake-reconciliation.ts', ...args],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...testEnvironment({ DATABASE_URL: database.url, ...env }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each run starts a Node process with tsx: seconds each, more on a busy machine.
describe('npm run reconcile', { timeout: 120_000 }, () => {
  it('exits 0 and says so when everything is accounted for, even with work still within the grace', async () => {
    const seed = intakeSeeder(db);
    await seed.report({ submittedAt: new Date(), triagedAt: null });
    await seed.inboundEvent({ outcome: 'pending', receivedAt: new Date() });
    const run = await reconcile();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Inbound events by outcome');
    expect(run.stdout).toContain('Reports by status');
    expect(run.stdout).toContain('none, every item is accounted for');
  });

  it('exits 2 and names a late report under its checks', async () => {
    const seed = intakeSeeder(db);
    const { reportId } = await seed.report({ submittedAt: new Date(Date.now() - 3600_000), triagedAt: null });
    const run = await reconcile();
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/report_untriaged: 1 \(/);
    expect(run.stdout).toMatch(/receipt_missing: 1 \(/);
    expect(run.stdout).toContain(reportId);
  });

  it('prints parseable JSON with --json, with the same exit code', async () => {
    const run = await reconcile(['--json']);
    expect(run.code).toBe(2);
    const parsed = JSON.parse(run.stdout) as {
      accountedFor: boolean;
      graceSeconds: number;
      reportsByStatus: Record<string, number>;
      unaccountedByCheck: Record<string, number>;
    };
    expect(parsed.accountedFor).toBe(false);
    expect(parsed.graceSeconds).toBe(60);
    expect(parsed.reportsByStatus).toEqual({ submitted: 2 });
    expect(parsed.unaccountedByCheck).toEqual({ report_untriaged: 1, receipt_missing: 1 });
  });

  it('reads the grace period from RECONCILE_GRACE_SECONDS', async () => {
    const run = await reconcile(['--json'], { RECONCILE_GRACE_SECONDS: '7200' });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { accountedFor: boolean }).accountedFor).toBe(true);
  });

  it('exits 1 with a message on an unknown argument or an unreachable database', async () => {
    const wrongArgument = await reconcile(['--jsn']);
    expect(wrongArgument.code).toBe(1);
    expect(wrongArgument.stderr).toContain('unknown argument --jsn');

    const noDatabase = await reconcile([], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stdout).toBe('');
    expect(noDatabase.stderr).toContain('reconciliation failed');
  });
});
