import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/observability/create-logger.ts';
import { createLedgerLoop } from '../../../src/supervision/ledger/create-ledger-loop.ts';
import { verifyLedger } from '../../../src/supervision/ledger/verify-ledger.ts';
import { eventually } from '../../support/eventually.ts';
import { readLedger, submitLedgerReports, useLedgerDatabase } from './ledger-test-reports.ts';

const database = useLedgerDatabase(2);

describe('createLedgerLoop', () => {
  it('seals what was submitted on its own interval, and what comes later, until stopped', async () => {
    await submitLedgerReports(database.url, database.pool, 2, new Date(Date.now() - 60_000));
    const loop = createLedgerLoop({ pool: database.pool, logger: createLogger('silent'), intervalMs: 100 });
    loop.start();
    try {
      await eventually(
        () => readLedger(database.pool),
        (rows) => rows.length === 6,
      );
      await submitLedgerReports(database.url, database.pool, 1, new Date(Date.now() - 60_000));
      await eventually(
        () => readLedger(database.pool),
        (rows) => rows.length === 9,
      );
    } finally {
      await loop.stop();
    }
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });
});
