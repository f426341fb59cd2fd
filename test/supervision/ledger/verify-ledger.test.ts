import { beforeAll, describe, expect, it } from 'vitest';
import { appendLedger } from '../../../src/supervision/ledger/append-ledger.ts';
import { verifyLedger } from '../../../src/supervision/ledger/verify-ledger.ts';
import {
  entryOf,
  type LedgerRow,
  readLedger,
  submitLedgerReports,
  useLedgerDatabase,
} from './ledger-test-reports.ts';

const database = useLedgerDatabase(3);
let reportIds: string[] = [];

interface ReportLine {
  id: string;
  register_number: string;
  register_year: number;
  register_seq: number;
}
const reportLine = async (id: string) =>
  (
    await database.pool.query<ReportLine>(
      'SELECT id, register_number, register_year, register_seq FROM report WHERE id = $1',
      [id],
    )
  ).rows[0] as ReportLine;
/** The submission event of a report (to_status `submitted`). */
const submittedEventOf = async (reportId: string) =>
  (
    await database.pool.query<{ id: string }>(
      `SELECT id FROM report_event WHERE report_id = $1 AND to_status = 'submitted'`,
      [reportId],
    )
  ).rows[0]?.id ?? '';

/** Reinserts a ledger row exactly as it was (a test's undo of its DELETE). */
async function restoreLedgerRow(row: LedgerRow & { chained_at?: Date }): Promise<void> {
  await database.pool.query(
    `INSERT INTO ledger_entry (id, kind, subject_id, register_number, prev_hash, hash, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [row.id, row.kind, row.subject_id, row.register_number, row.prev_hash, row.hash, row.at],
  );
}

beforeAll(async () => {
  // Two Vietnamese days: half an hour after midnight on the 2nd is still the 1st in UTC.
  reportIds = [
    ...(await submitLedgerReports(database.url, database.pool, 2, new Date('2026-12-01T09:00:00+07:00'))),
    ...(await submitLedgerReports(database.url, database.pool, 2, new Date('2026-12-02T00:30:00+07:00'))),
  ];
  while ((await appendLedger(database.pool, 100)) > 0);
});

describe('verifyLedger (quality A5)', () => {
  it('finds an untouched chain intact, with each Vietnamese day’s count and last hash', async () => {
    const ledger = await readLedger(database.pool);
    expect(ledger).toHaveLength(12);
    const verdict = await verifyLedger(database.pool);
    const { rows: days } = await database.pool.query<{ day: string; entries: number; head: Buffer }>(
      `SELECT to_char((at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') AS day, count(*)::int AS entries,
              (array_agg(hash ORDER BY id DESC))[1] AS head
         FROM ledger_entry GROUP BY 1 ORDER BY 1`,
    );
    expect(days.map((d) => d.day)).toEqual(['2026-12-01', '2026-12-02']);
    expect(verdict).toEqual({
      problem: null,
      entries: 12,
      lastHash: ledger.at(-1)?.hash.toString('hex'),
      heads: days.map((d) => ({ day: d.day, entries: d.entries, head: d.head.toString('hex') })),
    });
  });

  it('names the report whose register number was changed in place', async () => {
    const line = await reportLine(reportIds[1] ?? '');
    const entry = await entryOf(database.pool, 'register', line.id);
    await database.pool.query(`UPDATE report SET register_number = register_number || 'A' WHERE id = $1`, [
      line.id,
    ]);
    try {
      expect((await verifyLedger(database.pool)).problem).toEqual({
        kind: 'subject_changed',
        entryId: entry.id,
        subject: { kind: 'register', registerNumber: line.register_number },
      });
    } finally {
      await database.pool.query('UPDATE report SET register_number = $2 WHERE id = $1', [
        line.id,
        line.register_number,
      ]);
    }
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('names the report whose submission time was moved', async () => {
    const line = await reportLine(reportIds[2] ?? '');
    const entry = await entryOf(database.pool, 'register', line.id);
    await database.pool.query(
      `UPDATE report SET submitted_at = submitted_at - interval '1 hour' WHERE id = $1`,
      [line.id],
    );
    try {
      expect((await verifyLedger(database.pool)).problem).toEqual({
        kind: 'subject_changed',
        entryId: entry.id,
        subject: { kind: 'register', registerNumber: line.register_number },
      });
    } finally {
      await database.pool.query(
        `UPDATE report SET submitted_at = submitted_at + interval '1 hour' WHERE id = $1`,
        [line.id],
      );
    }
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('names the status event whose status was rewritten', async () => {
    const eventId = await submittedEventOf(reportIds[0] ?? '');
    const entry = await entryOf(database.pool, 'event', eventId);
    await database.pool.query(`UPDATE report_event SET to_status = 'closed' WHERE id = $1`, [eventId]);
    try {
      expect((await verifyLedger(database.pool)).problem).toEqual({
        kind: 'subject_changed',
        entryId: entry.id,
        subject: { kind: 'event', eventId },
      });
    } finally {
      await database.pool.query(`UPDATE report_event SET to_status = 'submitted' WHERE id = $1`, [eventId]);
    }
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('names the status event that was deleted', async () => {
    const eventId = await submittedEventOf(reportIds[3] ?? '');
    const entry = await entryOf(database.pool, 'event', eventId);
    const { rows } = await database.pool.query('DELETE FROM report_event WHERE id = $1 RETURNING *', [
      eventId,
    ]);
    const deleted = rows[0] as Record<string, unknown>;
    try {
      expect((await verifyLedger(database.pool)).problem).toEqual({
        kind: 'subject_deleted',
        entryId: entry.id,
        subject: { kind: 'event', eventId },
      });
    } finally {
      await database.pool.query(
        `INSERT INTO report_event (id, report_id, kind, from_status, to_status, actor, at, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          deleted.id,
          deleted.report_id,
          deleted.kind,
          deleted.from_status,
          deleted.to_status,
          deleted.actor,
          deleted.at,
          deleted.detail === null ? null : JSON.stringify(deleted.detail),
        ],
      );
    }
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('names the ledger entry whose hash was rewritten', async () => {
    const entry = (await readLedger(database.pool))[5] as LedgerRow;
    await database.pool.query(`UPDATE ledger_entry SET hash = sha256('forged'::bytea) WHERE id = $1`, [
      entry.id,
    ]);
    try {
      expect((await verifyLedger(database.pool)).problem).toEqual({
        kind: 'ledger_row_changed',
        entryId: entry.id,
      });
    } finally {
      await database.pool.query('UPDATE ledger_entry SET hash = $2 WHERE id = $1', [entry.id, entry.hash]);
    }
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('names the entry after a deleted ledger entry as no longer linked', async () => {
    const ledger = await readLedger(database.pool);
    const removed = ledger[6] as LedgerRow;
    await database.pool.query('DELETE FROM ledger_entry WHERE id = $1', [removed.id]);
    try {
      expect((await verifyLedger(database.pool)).problem).toEqual({
        kind: 'ledger_link_broken',
        entryId: ledger[7]?.id,
      });
    } finally {
      await restoreLedgerRow(removed);
    }
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('names the earlier of two changes in chain order', async () => {
    const first = await reportLine(reportIds[0] ?? '');
    const eventId = await submittedEventOf(reportIds[1] ?? '');
    await database.pool.query(`UPDATE report_event SET actor = 'officer:forged' WHERE id = $1`, [eventId]);
    await database.pool.query(`UPDATE report SET channel = 'zalo_oa' WHERE id = $1`, [first.id]);
    try {
      expect((await verifyLedger(database.pool)).problem).toMatchObject({
        kind: 'subject_changed',
        subject: { kind: 'register', registerNumber: first.register_number },
      });
    } finally {
      await database.pool.query(`UPDATE report SET channel = 'telegram' WHERE id = $1`, [first.id]);
      await database.pool.query(`UPDATE report_event SET actor = 'reporter' WHERE id = $1`, [eventId]);
    }
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('names the missing number a report deleted before it was sealed leaves in the register', async () => {
    // Submitted now: younger than two seconds, so not in the ledger yet.
    const fresh = await submitLedgerReports(database.url, database.pool, 3, new Date(), { triage: false });
    const middle = await reportLine(fresh[1] ?? '');
    await database.pool.query('DELETE FROM report WHERE id = $1', [middle.id]);
    expect((await verifyLedger(database.pool)).problem).toEqual({
      kind: 'register_gap',
      register: 'TB',
      year: middle.register_year,
      seq: middle.register_seq,
    });
  });

  it('names a sealed report that was deleted before the gap it leaves', async () => {
    const line = await reportLine(reportIds[2] ?? '');
    const entry = await entryOf(database.pool, 'register', line.id);
    await database.pool.query('DELETE FROM report WHERE id = $1', [line.id]);
    expect((await verifyLedger(database.pool)).problem).toEqual({
      kind: 'subject_deleted',
      entryId: entry.id,
      subject: { kind: 'register', registerNumber: line.register_number },
    });
  });
});
