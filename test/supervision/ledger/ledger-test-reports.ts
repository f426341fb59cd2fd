import { randomBytes } from 'node:crypto';
import { beforeAll } from 'vitest';
import type { PgPool } from '../../../src/platform/database/create-pg-pool.ts';
import { createIdentityProtection } from '../../../src/platform/identity/identity-protection.ts';
import { triageSubmittedReports } from '../../../src/triage/triage-submitted-report.ts';
import { seedPoliceUnits } from '../../../src/triage/units/seed-police-units.ts';
import { triageSettings } from '../../support/console-harness.ts';
import { submitTestReport } from '../../support/submit-test-report.ts';
import { type UsedDatabase, usePrivateDatabase } from '../../support/use-private-database.ts';

const protection = createIdentityProtection({
  encryptionKey: randomBytes(32),
  hashKey: randomBytes(32),
});

/** A database of the test file's own with the police units seeded, so triage can route tips. */
export function useLedgerDatabase(poolSize: number): UsedDatabase {
  const database = usePrivateDatabase({ db: 1, pool: poolSize });
  beforeAll(async () => {
    await seedPoliceUnits(database.db);
  });
  return database;
}

/**
 * `count` tips submitted and triaged at `now` on the database, as the intake and the worker do:
 * each leaves its register line and two status events (submitted, triaged). Their ids.
 */
export async function submitLedgerReports(
  url: string,
  pool: PgPool,
  count: number,
  now: Date,
  options: { triage?: boolean } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      (await submitTestReport(url, protection, { draft: { provinceCode: '01', wardCode: '00004' }, now }))
        .reportId,
    );
  if (options.triage ?? true) await triageSubmittedReports(pool, triageSettings, ids, now);
  return ids;
}

export interface LedgerRow {
  id: string;
  kind: string;
  subject_id: string;
  register_number: string | null;
  prev_hash: Buffer;
  hash: Buffer;
  at: Date;
}

/** The whole ledger in chain order. */
export async function readLedger(pool: PgPool): Promise<LedgerRow[]> {
  const { rows } = await pool.query<LedgerRow>(
    'SELECT id, kind, subject_id, register_number, prev_hash, hash, at FROM ledger_entry ORDER BY id',
  );
  return rows;
}

/** The ledger entry of a subject: a report's register line or an event. */
export async function entryOf(
  pool: PgPool,
  kind: 'register' | 'event',
  subjectId: string,
): Promise<LedgerRow> {
  const row = (await readLedger(pool)).find((r) => r.kind === kind && r.subject_id === subjectId);
  if (!row) throw new Error(`no ledger entry for ${kind} ${subjectId}`);
  return row;
}
