import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseClient, type Database } from '../../src/database/create-database-client.ts';
import {
  type IntakeReconciliation,
  readIntakeReconciliation,
} from '../../src/reconciliation/read-intake-reconciliation.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database.ts';
import { intakeSeeder } from '../support/seed-intake-rows.ts';

const graceSeconds = 60;
let database: PrivateDatabase;
let db: Database;

/** What the seeding below made late (and so must be found), by check. */
const expected: { check: string; id: string }[] = [];
let books: IntakeReconciliation;

beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDatabaseClient(database.url, 2);
  const seed = intakeSeeder(db);
  const late = new Date(Date.now() - 3600_000);
  const onTime = new Date(Date.now() - 5000);

  // Inbound events: a late pending one; a pending one within the grace; a late but processed one.
  expected.push({
    check: 'inbound_pending',
    id: await seed.inboundEvent({ outcome: 'pending', receivedAt: late }),
  });
  await seed.inboundEvent({ outcome: 'pending', receivedAt: onTime });
  await seed.inboundEvent({ outcome: 'report_submitted', receivedAt: late });
  await seed.inboundEvent({ outcome: 'quarantined', receivedAt: late });

  // A: late, untriaged, no receipt, its outbox row never relayed.
  const a = await seed.report({ submittedAt: late, triagedAt: null });
  expected.push({ check: 'report_untriaged', id: a.reportId }, { check: 'receipt_missing', id: a.reportId });
  expected.push({
    check: 'outbox_undispatched',
    id: await seed.outbox({
      topic: 'report.submitted',
      aggregateId: a.reportId,
      createdAt: late,
      dispatchedAt: null,
    }),
  });
  // B and C: triaged, but one receipt still pending and one given up on (failed), both long ago.
  for (const status of ['pending', 'failed'] as const) {
    const r = await seed.report({ submittedAt: late, triagedAt: late });
    await seed.receipt({ ...r, status, createdAt: late });
    expected.push({ check: 'receipt_undelivered', id: r.reportId });
  }
  // D: everything where it should be, long ago.
  const d = await seed.report({ submittedAt: late, triagedAt: late, status: 'classified' });
  await seed.receipt({ ...d, status: 'sent', createdAt: late });
  await seed.outbox({
    topic: 'report.submitted',
    aggregateId: d.reportId,
    createdAt: late,
    dispatchedAt: late,
  });
  // E: just submitted: untriaged, no receipt, outbox not relayed yet, all within the grace.
  const e = await seed.report({ submittedAt: onTime, triagedAt: null });
  await seed.outbox({
    topic: 'report.submitted',
    aggregateId: e.reportId,
    createdAt: onTime,
    dispatchedAt: null,
  });
  // F: an old triaged report whose receipt was written just now and is still pending.
  const f = await seed.report({ submittedAt: late, triagedAt: late });
  await seed.receipt({ ...f, status: 'pending', createdAt: onTime });
  // An old outbox row of a topic nothing consumes yet is waiting, not late.
  await seed.outbox({
    topic: 'report.follow_up',
    aggregateId: d.reportId,
    createdAt: late,
    dispatchedAt: null,
  });

  books = await readIntakeReconciliation(db, { graceSeconds });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const key = (item: { check: string; id: string }) => `${item.check} ${item.id}`;

describe('readIntakeReconciliation', () => {
  it('counts inbound events by outcome and reports by status', () => {
    expect(books.inboundByOutcome).toEqual({ pending: 2, report_submitted: 1, quarantined: 1 });
    expect(books.reportsByStatus).toEqual({ submitted: 5, classified: 1 });
  });

  it('finds every late item, each under its check, with the time it has been waiting since', () => {
    expect(books.unaccounted.map(key).sort()).toEqual(expected.map(key).sort());
    const checks = new Set(books.unaccounted.map((item) => item.check));
    expect([...checks].sort()).toEqual([
      'inbound_pending',
      'outbox_undispatched',
      'receipt_missing',
      'receipt_undelivered',
      'report_untriaged',
    ]);
    for (const item of books.unaccounted) {
      expect(item.since).toBeInstanceOf(Date);
      expect(Date.now() - item.since.getTime()).toBeGreaterThan(graceSeconds * 1000);
    }
  });

  it('finds nothing once the grace period is longer than anything has waited', async () => {
    const lenient = await readIntakeReconciliation(db, { graceSeconds: 7200 });
    expect(lenient.unaccounted).toEqual([]);
  });

  it('returns at most `limit` items per check', async () => {
    const limited = await readIntakeReconciliation(db, { graceSeconds, limit: 1 });
    const perCheck = new Map<string, number>();
    for (const item of limited.unaccounted) perCheck.set(item.check, (perCheck.get(item.check) ?? 0) + 1);
    expect(perCheck.get('receipt_undelivered')).toBe(1);
    expect(limited.unaccounted).toHaveLength(5);
  });
});
