/**
 * `npm run audit:verify`: checks the hash chain of the audit log from its first row to its last.
 * Prints `audit chain ok: N rows, head <hex>` and exits 0, or `audit chain broken at row <id>:
 * <reason>` and exits 2 (so cron or CI can alert on it); exits 1 when it could not run. Keep the
 * printed head somewhere else: a later run whose chain no longer passes through it has lost rows
 * from the end.
 */
import { verifyAuditChain } from '../../casework/audit/verify-audit-chain.ts';
import { createPgPool } from '../../platform/database/create-pg-pool.ts';
import { loadCommandConfig } from './load-command-config.ts';

const usage = 'usage: npm run audit:verify';
const batchSize = 1000;

const args = process.argv.slice(2);
if (args.length > 0) {
  process.stderr.write(`unknown argument ${args.join(' ')}\n${usage}\n`);
  process.exit(1);
}

const config = loadCommandConfig();

const pool = createPgPool(config.DATABASE_URL, 1);
try {
  const verdict = await verifyAuditChain(pool, { batchSize });
  if (verdict.ok) {
    process.stdout.write(`audit chain ok: ${verdict.rows} rows, head ${verdict.head}\n`);
    process.exitCode = 0;
  } else {
    process.stdout.write(
      `audit chain broken at row ${verdict.firstBroken.id}: ${verdict.firstBroken.reason}\n`,
    );
    process.exitCode = 2;
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`audit verification failed: ${message.replace(/\s+/g, ' ').trim().slice(0, 500)}\n`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
