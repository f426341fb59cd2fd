import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/casework/audit/canonical-json.ts';
import { appendLedger } from '../../../src/supervision/ledger/append-ledger.ts';
import { verifyLedger } from '../../../src/supervision/ledger/verify-ledger.ts';
import { readLedger, submitLedgerReports, useLedgerDatabase } from './ledger-test-reports.ts';

const database = useLedgerDatabase(4);
const minuteAgo = () => new Date(Date.now() - 60_000);
const sha256 = (prev: Buffer, text: string) =>
  createHash('sha256').update(prev).update(text, 'utf8').digest();

interface ReportRow {
  id: string;
  register: string;
  register_number: string;
  register_year: number;
  register_seq: number;
  submitted_at: Date;
  kind: string;
  channel: string;
}
interface EventRow {
  id: string;
  report_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  actor: string;
  at: Date;
  detail: unknown;
}

/** Every report in register order and every event in id order, as the database holds them. */
async function subjects() {
  const reports = await database.pool.query<ReportRow>(
    `SELECT id, register, register_number, register_year, register_seq, submitted_at, kind, channel
       FROM report ORDER BY register, register_year, register_seq`,
  );
  const events = await database.pool.query<EventRow>(
    'SELECT id, report_id, kind, from_status, to_status, actor, at, detail FROM report_event ORDER BY id',
  );
  return { reports: reports.rows, events: events.rows };
}

/** Drains the backlog as the loop does, round after round. */
async function appendAll(limit = 100): Promise<number> {
  let total = 0;
  for (;;) {
    const chained = await appendLedger(database.pool, limit);
    total += chained;
    if (chained === 0) return total;
  }
}

describe('appendLedger', () => {
  it('seals every report in register order, then every status event in id order, each hash over the one before', async () => {
    await submitLedgerReports(database.url, database.pool, 3, minuteAgo());
    const { reports, events } = await subjects();
    expect(reports).toHaveLength(3);
    expect(events.length).toBeGreaterThanOrEqual(6);
    expect(await appendLedger(database.pool, 100)).toBe(reports.length + events.length);

    const ledger = await readLedger(database.pool);
    expect(ledger.map((r) => [r.kind, r.subject_id, r.register_number, r.at.toISOString()])).toEqual([
      ...reports.map((r) => ['register', r.id, r.register_number, r.submitted_at.toISOString()]),
      ...events.map((e) => ['event', e.id, null, e.at.toISOString()]),
    ]);
    const contents = [
      ...reports.map((r) =>
        canonicalJson({
          entry: 'register',
          id: r.id,
          register: r.register,
          registerNumber: r.register_number,
          registerYear: r.register_year,
          registerSeq: r.register_seq,
          submittedAt: r.submitted_at.toISOString(),
          kind: r.kind,
          channel: r.channel,
        }),
      ),
      ...events.map((e) =>
        canonicalJson({
          entry: 'event',
          id: e.id,
          reportId: e.report_id,
          kind: e.kind,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          actor: e.actor,
          at: e.at.toISOString(),
          detail: e.detail,
        }),
      ),
    ];
    let prev: Buffer = Buffer.alloc(32);
    ledger.forEach((row, i) => {
      expect(row.prev_hash.equals(prev), `prev_hash of entry ${row.id}`).toBe(true);
      expect(row.hash.equals(sha256(prev, contents[i] ?? '')), `hash of entry ${row.id}`).toBe(true);
      prev = row.hash;
    });
  });

  it('chains nothing twice: a second round finds nothing, and a later report follows the first ones', async () => {
    const before = await readLedger(database.pool);
    expect(await appendLedger(database.pool, 100)).toBe(0);
    expect(await readLedger(database.pool)).toEqual(before);

    const [later = ''] = await submitLedgerReports(database.url, database.pool, 1, minuteAgo());
    expect(await appendLedger(database.pool, 100)).toBe(3);
    const after = await readLedger(database.pool);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((r) => r.kind)).toEqual(['register', 'event', 'event']);
    expect(after[before.length]?.subject_id).toBe(later);
    expect(after[before.length]?.prev_hash.equals(before.at(-1)?.hash ?? Buffer.alloc(0))).toBe(true);
    const keys = after.map((r) => `${r.kind}:${r.subject_id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leaves a report and its event younger than two seconds for a later round', async () => {
    const [young = ''] = await submitLedgerReports(database.url, database.pool, 1, new Date(), {
      triage: false,
    });
    const before = (await readLedger(database.pool)).length;
    expect(await appendLedger(database.pool, 100)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await appendLedger(database.pool, 100)).toBe(2);
    const added = (await readLedger(database.pool)).slice(before);
    expect(added.map((r) => r.kind)).toEqual(['register', 'event']);
    expect(added[0]?.subject_id).toBe(young);
  });

  it('takes at most `limit` register lines and `limit` events a round', async () => {
    await submitLedgerReports(database.url, database.pool, 3, minuteAgo());
    const before = (await readLedger(database.pool)).length;
    expect(await appendLedger(database.pool, 1)).toBe(2);
    expect((await readLedger(database.pool)).slice(before).map((r) => r.kind)).toEqual(['register', 'event']);
    expect(await appendAll(2)).toBe(2 + 6 - 1);
    expect((await verifyLedger(database.pool)).problem).toBeNull();
  });

  it('never forks the chain when rounds run at once', async () => {
    await submitLedgerReports(database.url, database.pool, 4, minuteAgo());
    const before = (await readLedger(database.pool)).length;
    const rounds = await Promise.all([1, 2, 3, 100].map((limit) => appendLedger(database.pool, limit)));
    expect(rounds.reduce((a, b) => a + b, 0) + (await appendAll())).toBe(4 * 3);
    const ledger = await readLedger(database.pool);
    expect(ledger).toHaveLength(before + 12);
    const verdict = await verifyLedger(database.pool);
    expect(verdict.problem).toBeNull();
    expect(verdict.entries).toBe(ledger.length);
    expect(verdict.lastHash).toBe(ledger.at(-1)?.hash.toString('hex'));
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(appendLedger(database.pool, 0)).rejects.toThrow(RangeError);
  });
});
