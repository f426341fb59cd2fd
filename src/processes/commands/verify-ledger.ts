/**
 * `npm run ledger:verify`: checks the tamper-evident register from its first entry to its last,
 * against the reports and status events as they are now, and the register for missing numbers,
 * and keeps the verdict for the console's ledger page.
 * Prints `ledger intact: N entries, last hash <hex>` and exits 0, or the first problem and exits 2
 * (so cron or CI can alert on it); exits 1 when it could not run. Keep the daily heads (console,
 * /console/ledger/heads.csv) somewhere else: a ledger cut short at its end still verifies.
 */
import { createPgPool } from '../../platform/database/create-pg-pool.ts';
import type { LedgerProblem } from '../../supervision/ledger/ledger-problem.ts';
import { recordLedgerVerification } from '../../supervision/ledger/record-ledger-verification.ts';
import { loadCommandConfig } from './load-command-config.ts';

const usage = 'usage: npm run ledger:verify';

const args = process.argv.slice(2);
if (args.length > 0) {
  process.stderr.write(`unknown argument ${args.join(' ')}\n${usage}\n`);
  process.exit(1);
}

/** The problem as one line for an operator (never a report's content: numbers and ids only). */
function problemLine(problem: LedgerProblem): string {
  switch (problem.kind) {
    case 'register_gap':
      return `ledger problem: register ${problem.register} ${problem.year} has no number ${problem.seq} (register_gap)`;
    case 'ledger_row_changed':
    case 'ledger_link_broken':
      return `ledger problem at entry ${problem.entryId}: ${problem.kind}`;
    case 'subject_changed':
    case 'subject_deleted': {
      const subject =
        problem.subject.kind === 'register'
          ? `register number ${problem.subject.registerNumber}`
          : `event ${problem.subject.eventId}`;
      return `ledger problem at entry ${problem.entryId}: ${problem.kind} (${subject})`;
    }
  }
}

const config = loadCommandConfig();

const pool = createPgPool(config.DATABASE_URL, 1);
try {
  const verdict = await recordLedgerVerification(pool, 'command');
  if (verdict.problem === null) {
    process.stdout.write(`ledger intact: ${verdict.entries} entries, last hash ${verdict.lastHash}\n`);
    process.exitCode = 0;
  } else {
    process.stdout.write(`${problemLine(verdict.problem)}\n`);
    process.exitCode = 2;
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ledger verification failed: ${message.replace(/\s+/g, ' ').trim().slice(0, 500)}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
