/**
 * `npm run reconcile [-- --json]`: prints the intake's books and exits 0 when nothing needs a
 * person (work within its grace period or delivery budget is counted, not alerted on), 2 when
 * something does (so cron or CI can alert on it), 1 when it could not run.
 */
import { loadConfig } from '../../platform/config/load-config.ts';
import { loadDotEnv } from '../../platform/config/load-dot-env.ts';
import { createDatabaseClient } from '../../platform/database/create-database-client.ts';
import { isAppError } from '../../platform/errors/app-error.ts';
import {
  formatIntakeReconciliation,
  intakeReconciliationJson,
} from '../../supervision/reconciliation/format-intake-reconciliation.ts';
import { needsAPerson } from '../../supervision/reconciliation/needs-a-person.ts';
import { readIntakeReconciliation } from '../../supervision/reconciliation/read-intake-reconciliation.ts';
import { loadPublicHolidays } from '../../triage/deadlines/load-public-holidays.ts';
import { readCalendarHorizon } from '../../triage/deadlines/read-calendar-horizon.ts';

const usage = 'usage: npm run reconcile [-- --json]';
const limitPerCheck = 1000;

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--json');
if (unknown.length > 0) {
  process.stderr.write(`unknown argument ${unknown.join(' ')}\n${usage}\n`);
  process.exit(1);
}
const asJson = args.includes('--json');

loadDotEnv();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!isAppError(error, 'config')) throw error;
  process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
  process.exit(1);
}

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
