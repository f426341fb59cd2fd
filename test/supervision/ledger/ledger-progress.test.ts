import { describe, expect, it } from 'vitest';
import { appendLedger } from '../../../src/supervision/ledger/append-ledger.ts';
import {
  ledgerProgress,
  registerYearKey,
  takeSample,
} from '../../../src/supervision/ledger/ledger-progress.ts';
import { verifyLedger } from '../../../src/supervision/ledger/verify-ledger.ts';
import { readLedger, submitLedgerReports, useLedgerDatabase } from './ledger-test-reports.ts';

const database = useLedgerDatabase(2);
const minuteAgo = () => new Date(Date.now() - 60_000);

async function drain(progress?: ReturnType<typeof ledgerProgress>): Promise<number> {
  let total = 0;
  for (;;) {
    const chained = await appendLedger(database.pool, 100, progress);
    total += chained;
    if (chained === 0) return total;
  }
}

describe('ledger progress', () => {
  it('keeps at most one sample per tenth of the horizon and gives the newest one past it', () => {
    const progress = ledgerProgress({ horizonMs: 1000 });
    expect(takeSample(progress, 0, '5')).toBeNull();
    expect(takeSample(progress, 50, '6')).toBeNull();
    expect(takeSample(progress, 100, '7')).toBeNull();
    expect(progress.samples).toEqual([
      { takenAt: 0, lastId: '5' },
      { takenAt: 100, lastId: '7' },
    ]);
    expect(takeSample(progress, 1150, '9')).toBe('7');
    expect(progress.samples).toEqual([{ takenAt: 1150, lastId: '9' }]);
  });

  it('raises the floors to the register counter and the ripe event sample once all below is sealed', async () => {
    await submitLedgerReports(database.url, database.pool, 3, minuteAgo());
    const progress = ledgerProgress({ horizonMs: 0 });
    expect(await drain(progress)).toBe(9);
    const { rows: counters } = await database.pool.query<{
      register: string;
      year: number;
      last_seq: number;
    }>('SELECT register, year, last_seq FROM register_counter');
    expect(counters).toHaveLength(1);
    const counter = counters[0] ?? { register: '', year: 0, last_seq: 0 };
    expect([...progress.registerFloors]).toEqual([
      [registerYearKey(counter.register, counter.year), counter.last_seq],
    ]);
    const { rows } = await database.pool.query<{ max: string }>(
      'SELECT max(id)::text AS max FROM report_event',
    );
    expect(progress.eventFloor).toBe(rows[0]?.max);

    // Later lines are read above the floors.
    await submitLedgerReports(database.url, database.pool, 1, minuteAgo());
    expect(await drain(progress)).toBe(3);
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('reads no event below the floor, so the horizon must outlast every transaction; a full sweep still seals it', async () => {
    // An id taken by a transaction that commits late, after the floor passed it.
    const { rows } = await database.pool.query<{ id: string }>(
      `SELECT nextval(pg_get_serial_sequence('report_event', 'id'))::text AS id`,
    );
    const lateId = rows[0]?.id ?? '';
    await submitLedgerReports(database.url, database.pool, 1, minuteAgo());
    const hasty = ledgerProgress({ horizonMs: 0 });
    const patient = ledgerProgress();
    expect(await drain(hasty)).toBe(3);
    expect(BigInt(hasty.eventFloor)).toBeGreaterThan(BigInt(lateId));
    expect(patient.eventFloor).toBe('0');

    const [reportId] = (await database.pool.query<{ id: string }>('SELECT id FROM report LIMIT 1')).rows.map(
      (r) => r.id,
    );
    await database.pool.query(
      `INSERT INTO report_event (id, report_id, kind, actor, at) VALUES ($1, $2, 'note', 'system', now() - interval '1 minute')`,
      [lateId, reportId],
    );
    expect(await appendLedger(database.pool, 100, hasty)).toBe(0);
    expect(await appendLedger(database.pool, 100, patient)).toBe(1);
    const last = (await readLedger(database.pool)).at(-1);
    expect([last?.kind, last?.subject_id]).toEqual(['event', lateId]);
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('reads on from the last event sealed between sweeps; one committed late below it waits for the next sweep', async () => {
    const { rows } = await database.pool.query<{ id: string }>(
      `SELECT nextval(pg_get_serial_sequence('report_event', 'id'))::text AS id`,
    );
    const lateId = rows[0]?.id ?? '';
    await submitLedgerReports(database.url, database.pool, 1, minuteAgo());
    const progress = ledgerProgress();
    expect(await drain(progress)).toBe(3);
    expect(BigInt(progress.highestSealed)).toBeGreaterThan(BigInt(lateId));
    const [reportId] = (await database.pool.query<{ id: string }>('SELECT id FROM report LIMIT 1')).rows.map(
      (r) => r.id,
    );
    await database.pool.query(
      `INSERT INTO report_event (id, report_id, kind, actor, at) VALUES ($1, $2, 'note', 'system', now() - interval '1 minute')`,
      [lateId, reportId],
    );
    expect(await appendLedger(database.pool, 100, progress)).toBe(0);
    // A tenth of the horizon later the sweep from the floor finds it.
    progress.sweptAt = Date.now() - progress.horizonMs / 10;
    expect(await appendLedger(database.pool, 100, progress)).toBe(1);
    expect((await readLedger(database.pool)).at(-1)?.subject_id).toBe(lateId);
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('raises a register floor to the last number sealed without a hole, before the year is all sealed', async () => {
    const progress = ledgerProgress();
    await drain(progress);
    const key = [...progress.registerFloors.keys()][0] ?? '';
    const before = progress.registerFloors.get(key) ?? 0;
    await submitLedgerReports(database.url, database.pool, 3, minuteAgo());
    // One line and one event a round: the year's floor follows the lines, short of the counter.
    expect(await appendLedger(database.pool, 1, progress)).toBe(2);
    expect(progress.registerFloors.get(key)).toBe(before + 1);
    expect(await appendLedger(database.pool, 1, progress)).toBe(2);
    expect(progress.registerFloors.get(key)).toBe(before + 2);
    await drain(progress);
    expect(progress.registerFloors.get(key)).toBe(before + 3);
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });
});
