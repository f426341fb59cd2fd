import type { PgPool } from '../src/platform/database/create-pg-pool.ts';
import { appendLedger } from '../src/supervision/ledger/append-ledger.ts';
import { ledgerProgress } from '../src/supervision/ledger/ledger-progress.ts';

/**
 * Seals every register line and status event not yet in the ledger, as the worker's loop would,
 * in rounds of `limit`; returns how many entries it added.
 */
export async function sealLedger(pool: PgPool, limit: number): Promise<number> {
  const progress = ledgerProgress();
  let entries = 0;
  for (;;) {
    const added = await appendLedger(pool, limit, progress);
    if (added === 0) return entries;
    entries += added;
  }
}
