import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { appendLedger } from '../../../src/supervision/ledger/append-ledger.ts';
import { createLedgerVerifyLoop } from '../../../src/supervision/ledger/create-ledger-verify-loop.ts';
import { readLatestVerification } from '../../../src/supervision/ledger/record-ledger-verification.ts';
import { eventually } from '../../support/eventually.ts';
import { submitLedgerReports, useLedgerDatabase } from './ledger-test-reports.ts';

const database = useLedgerDatabase(2);

describe('createLedgerVerifyLoop', () => {
  it('verifies at start and on its interval, keeps each verdict, and logs a problem as an alert', async () => {
    await submitLedgerReports(database.url, database.pool, 2, new Date(Date.now() - 60_000));
    while ((await appendLedger(database.pool, 100)) > 0);
    const lines: string[] = [];
    const logger = pino(
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const loop = createLedgerVerifyLoop({ pool: database.pool, logger, intervalMs: 200 });
    loop.start();
    try {
      await eventually(
        () => readLatestVerification(database.pool),
        (verdict) => verdict !== null && verdict.problem === null && verdict.entries === 6,
      );
      const { rows } = await database.pool.query<{ register_number: string }>(
        `UPDATE report SET channel = 'web' WHERE id = (SELECT id FROM report ORDER BY register_seq LIMIT 1)
         RETURNING register_number`,
      );
      const verdict = await eventually(
        () => readLatestVerification(database.pool),
        (found) => found?.problem?.kind === 'subject_changed',
      );
      expect(verdict?.by).toBe('worker');
      expect(verdict?.problem).toMatchObject({ subject: { registerNumber: rows[0]?.register_number } });
    } finally {
      await loop.stop();
    }
    const alert = lines.map((line) => JSON.parse(line)).find((line) => line.alert === 'ledger_problem');
    expect(alert?.problem?.kind).toBe('subject_changed');
  });
});
