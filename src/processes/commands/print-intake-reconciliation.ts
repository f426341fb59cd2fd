import { createDatabaseClient } from '../../platform/database/create-database-client.ts';
import {
  formatIntakeReconciliation,
  intakeReconciliationJson,
} from '../../supervision/reconciliation/format-intake-reconciliation.ts';
import { needsAPerson } from '../../supervision/reconciliation/needs-a-person.ts';
import { readIntakeReconciliation } from '../../supervision/reconciliation/read-intake-reconciliation.ts';
import { loadPublicHolidays } from '../../triage/deadlines/load-public-holidays.ts';
import { readCalendarHorizon } from '../../triage/deadlines/read-calendar-horizon.ts';
import { loadCommandConfig } from './load-command-config.ts';

const usage = 'usage: npm run reconcile [-- --json]';
const limitPerCheck = 1000;

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--json');
if (unknown.length > 0) {
  process.stderr.write(`unknown argument ${unknown.join(' ')}\n${usage}\n`);
  process.exit(1);
}
const asJson = args.includes('--json');

const config = loadCommandConfig();

const db = createDatabaseClient(config.DATABASE_URL, 2);
try {
  const options = {
    graceSeconds: config.RECONCILE_GRACE_SECONDS,
    receiptBudgetSeconds: config.RECEIPT_DELIVERY_BUDGET_SECONDS,
    limitPerCheck,
  };
  const books = await readIntakeReconciliation(db, { ...options, limit: limitPerCheck });
  const calendar = await readCalendarHorizon(db, new Date(), loadPublicHolidays(config.PUBLIC_HOLIDAYS_FILE));
  process.stdout.write(
    asJson
      ? intakeReconciliationJson(books, options, calendar)
      : formatIntakeReconciliation(books, options, calendar),
  );
  process.exitCode = needsAPerson(books, calendar) ? 2 : 0;
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`reconciliation failed: ${message.replace(/\s+/g, ' ').trim().slice(0, 500)}\n`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
