import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandRun, runCommand } from '../../support/run-command.ts';
import { intakeSeeder } from '../../support/seed-intake-rows.ts';
import { testEnvironment } from '../../support/test-config.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';

const database = usePrivateDatabase({ db: 2 });

// Holiday lists (no holidays, only their years) so the calendar line does not depend on the shipped one.
const listFolder = mkdtempSync(join(tmpdir(), 'reconcile-holidays-'));
// The year in Viet Nam (UTC+7, no summer time), as the calendar counts it.
const thisYear = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
function holidayList(lastYear: number): string {
  const file = join(listFolder, `until-${lastYear}.json`);
  const years = Array.from({ length: lastYear - 2024 }, (_, i) => 2025 + i);
  writeFileSync(file, JSON.stringify({ years, holidays: [] }));
  return file;
}
const longList = holidayList(thisYear + 3);

afterAll(() => {
  rmSync(listFolder, { recursive: true, force: true });
});

/** Runs the command as `npm run reconcile` does, with exactly the test environment. */
function reconcile(args: string[] = [], env: Record<string, string> = {}): Promise<CommandRun> {
  return runCommand(
    'print-intake-reconciliation.ts',
    args,
    testEnvironment({ DATABASE_URL: database.url, PUBLIC_HOLIDAYS_FILE: longList, ...env }),
  );
}

// Each run starts a Node process with tsx: seconds each, more on a busy machine.
describe('npm run reconcile', { timeout: 120_000 }, () => {
  it('exits 0 and says so when everything is accounted for, even with work still within the grace', async () => {
    const seed = intakeSeeder(database.db);
    await seed.report({ submittedAt: new Date(), triagedAt: null });
    await seed.inboundEvent({ outcome: 'pending', receivedAt: new Date() });
    const run = await reconcile();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Inbound events by outcome');
    expect(run.stdout).toContain('Reports by status');
    expect(run.stdout).toContain('none, every item is accounted for');
    expect(run.stdout).toContain(
      'triage: 1 submitted, 0 triaged, 1 untriaged within the grace, 0 untriaged past the grace',
    );
    expect(run.stdout).toMatch(
      new RegExp(`ok +holiday calendar: covered to ${thisYear + 3}-12-31, \\d+ days left\n`),
    );
  });

  it('exits 2 and names a late report under its checks', async () => {
    const seed = intakeSeeder(database.db);
    const { reportId } = await seed.report({ submittedAt: new Date(Date.now() - 3600_000), triagedAt: null });
    const run = await reconcile();
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/report_untriaged: 1 \(/);
    expect(run.stdout).toMatch(/receipt_missing: 1 \(/);
    expect(run.stdout).toContain(reportId);
    expect(run.stdout).toMatch(
      /needs a person +triage: 2 submitted, 0 triaged, 1 untriaged within the grace, 1 untriaged past the grace/,
    );
  });

  it('prints parseable JSON with --json, with the same exit code', async () => {
    const run = await reconcile(['--json']);
    expect(run.code).toBe(2);
    const parsed = JSON.parse(run.stdout) as {
      accountedFor: boolean;
      graceSeconds: number;
      receiptBudgetSeconds: number;
      needsAPerson: boolean;
      triage: Record<string, number>;
      reportsByStatus: Record<string, number>;
      unaccountedByCheck: Record<string, number>;
    };
    expect(parsed.accountedFor).toBe(false);
    expect(parsed.graceSeconds).toBe(60);
    expect(parsed.receiptBudgetSeconds).toBe(120);
    expect(parsed.needsAPerson).toBe(true);
    expect(parsed.triage).toEqual({
      submitted: 2,
      triaged: 0,
      untriagedWithinGrace: 1,
      untriagedPastGrace: 1,
    });
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

describe('npm run reconcile during a burst of receipts', { timeout: 120_000 }, () => {
  const burst = usePrivateDatabase({ db: 2 });
  // A grace period well short of the receipts' age and the default budget (120 s) well beyond it.
  const reconcileBurst = (args: string[] = [], env: Record<string, string> = {}) =>
    reconcile(args, { DATABASE_URL: burst.url, RECONCILE_GRACE_SECONDS: '10', ...env });
  beforeAll(async () => {
    // 25 reports of a minute ago, triaged, whose receipts still wait in the queue (a platform's
    // rate limit, say): past the grace period, within the delivery budget.
    const seed = intakeSeeder(burst.db);
    const at = new Date(Date.now() - 60_000);
    for (let i = 0; i < 25; i++) {
      const report = await seed.report({ submittedAt: at, triagedAt: at });
      await seed.receipt({ ...report, status: 'pending', createdAt: at });
    }
  });

  it('counts receipts queued within the delivery budget and exits 0', async () => {
    const run = await reconcileBurst();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /ok +receipts: 0 sent, 25 queued within the delivery budget, 0 overdue, 0 failed, 0 missing/,
    );
    expect(run.stdout).toContain('none, every item is accounted for');
    expect(run.stdout).not.toContain('receipt_');
  });

  it('reads the delivery budget from RECEIPT_DELIVERY_BUDGET_SECONDS', async () => {
    const run = await reconcileBurst(['--json'], { RECEIPT_DELIVERY_BUDGET_SECONDS: '30' });
    expect(run.code).toBe(2);
    const parsed = JSON.parse(run.stdout) as {
      receiptBudgetSeconds: number;
      receipts: Record<string, number>;
      unaccountedByCheck: Record<string, number>;
    };
    expect(parsed.receiptBudgetSeconds).toBe(30);
    expect(parsed.receipts).toEqual({
      sent: 0,
      queuedWithinBudget: 0,
      overdue: 25,
      failed: 0,
      missing: 0,
      awaitingWebPage: 0,
    });
    expect(parsed.unaccountedByCheck).toEqual({ receipt_overdue: 25 });
  });

  it('exits 2 and lists a receipt older than the budget as overdue, and a failed one', async () => {
    const seed = intakeSeeder(burst.db);
    const long = new Date(Date.now() - 600_000);
    const overdue = await seed.report({ submittedAt: long, triagedAt: long });
    await seed.receipt({ ...overdue, status: 'pending', createdAt: long });
    const failed = await seed.report({ submittedAt: new Date(), triagedAt: new Date() });
    await seed.receipt({ ...failed, status: 'failed', createdAt: new Date() });
    const run = await reconcileBurst();
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /needs a person +receipts: 0 sent, 25 queued within the delivery budget, 1 overdue, 1 failed, 0 missing/,
    );
    expect(run.stdout).toMatch(/receipt_overdue: 1 \(/);
    expect(run.stdout).toMatch(/receipt_failed: 1 \(/);
    expect(run.stdout).toContain(overdue.reportId);
    expect(run.stdout).toContain(failed.reportId);
  });
});

describe('npm run reconcile on triage', { timeout: 120_000 }, () => {
  const books = usePrivateDatabase({ db: 2 });

  /** A report whose receipt was delivered, so only its triage is in question. */
  async function report(submittedAt: Date, triagedAt: Date | null): Promise<string> {
    const seed = intakeSeeder(books.db);
    const made = await seed.report({ submittedAt, triagedAt });
    await seed.receipt({ ...made, status: 'sent', createdAt: submittedAt });
    return made.reportId;
  }

  it('counts submitted, triaged and untriaged reports, and exits 2 only once one is past the grace', async () => {
    const hourAgo = new Date(Date.now() - 3600_000);
    for (let i = 0; i < 3; i++) await report(hourAgo, hourAgo);
    for (let i = 0; i < 2; i++) await report(new Date(), null);
    const inProgress = await reconcile(['--json'], { DATABASE_URL: books.url });
    expect(inProgress.code).toBe(0);
    expect((JSON.parse(inProgress.stdout) as { triage: object }).triage).toEqual({
      submitted: 5,
      triaged: 3,
      untriagedWithinGrace: 2,
      untriagedPastGrace: 0,
    });

    const stuck = await report(hourAgo, null);
    const run = await reconcile([], { DATABASE_URL: books.url });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      /needs a person +triage: 6 submitted, 3 triaged, 2 untriaged within the grace, 1 untriaged past the grace/,
    );
    expect(run.stdout).toMatch(
      /ok +receipts: 6 sent, 0 queued within the delivery budget, 0 overdue, 0 failed, 0 missing/,
    );
    expect(run.stdout).toMatch(/report_untriaged: 1 \(/);
    expect(run.stdout).toContain(stuck);
  });
});

describe('npm run reconcile on the holiday calendar', { timeout: 120_000 }, () => {
  const empty = usePrivateDatabase({ db: 2 });

  it('exits 2 when the holiday list in use has run out, though every item is accounted for', async () => {
    const run = await reconcile([], {
      DATABASE_URL: empty.url,
      PUBLIC_HOLIDAYS_FILE: holidayList(thisYear - 1),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(
      new RegExp(`needs a person +holiday calendar: covered to ${thisYear - 1}-12-31, -\\d+ days left\n`),
    );
    expect(run.stdout).toContain('none, every item is accounted for');
  });

  it('exits 2 and counts the reports whose deadlines wait for the calendar', async () => {
    const seed = intakeSeeder(empty.db);
    const made = await seed.report({ submittedAt: new Date(), triagedAt: new Date() });
    await seed.receipt({ ...made, status: 'sent', createdAt: new Date() });
    await empty.db.report.update({ where: { id: made.reportId }, data: { deadlinesPendingCalendar: true } });
    const text = await reconcile([], { DATABASE_URL: empty.url });
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(
      /needs a person +holiday calendar: .*, 1 report with deadlines pending the calendar\n/,
    );
    const run = await reconcile(['--json'], { DATABASE_URL: empty.url });
    expect(run.code).toBe(2);
    const parsed = JSON.parse(run.stdout) as {
      needsAPerson: boolean;
      accountedFor: boolean;
      calendar: object;
    };
    expect(parsed).toMatchObject({ needsAPerson: true, accountedFor: true });
    expect(parsed.calendar).toMatchObject({
      lastCoveredDate: `${thisYear + 3}-12-31`,
      warning: false,
      reportsPendingCalendar: 1,
    });
  });
});
