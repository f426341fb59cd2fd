import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabaseClient,
  type Database,
} from '../../../src/platform/database/create-database-client.ts';
import {
  type IntakeReconciliation,
  readIntakeReconciliation,
} from '../../../src/supervision/reconciliation/read-intake-reconciliation.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';
import { intakeSeeder } from '../../support/seed-intake-rows.ts';

const graceSeconds = 60;
const receiptBudgetSeconds = 120;
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
  // Past the grace period but within the receipt delivery budget.
  const queuing = new Date(Date.now() - 90_000);
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
  // B: triaged, its receipt still pending an hour later: overdue.
  const b = await seed.report({ submittedAt: late, triagedAt: late });
  await seed.receipt({ ...b, status: 'pending', createdAt: late });
  expected.push({ check: 'receipt_overdue', id: b.reportId });
  // C and C2: triaged, their receipts given up on (failed), long ago and just now: failed at any age.
  for (const createdAt of [late, onTime]) {
    const c = await seed.report({ submittedAt: createdAt, triagedAt: createdAt });
    await seed.receipt({ ...c, status: 'failed', createdAt });
    expected.push({ check: 'receipt_failed', id: c.reportId });
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
  // G and H: a burst: receipts queued 90 s ago, past the grace but within the delivery budget.
  for (let i = 0; i < 2; i++) {
    const g = await seed.report({ submittedAt: queuing, triagedAt: queuing });
    await seed.receipt({ ...g, status: 'pending', createdAt: queuing });
  }
  // I: a web chat receipt its page never fetched, an hour old: waiting for the page, not overdue.
  const i = await seed.report({ submittedAt: late, triagedAt: late });
  await seed.receipt({ ...i, status: 'pending', createdAt: late, channel: 'web' });
  // An old outbox row of a topic nothing consumes yet is waiting, not late.
  await seed.outbox({
    topic: 'report.unrouted_example',
    aggregateId: d.reportId,
    createdAt: late,
    dispatchedAt: null,
  });

  books = await readIntakeReconciliation(db, { graceSeconds, receiptBudgetSeconds });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const key = (item: { check: string; id: string }) => `${item.check} ${item.id}`;

describe('readIntakeReconciliation', () => {
  it('counts inbound events by outcome and reports by status', () => {
    expect(books.inboundByOutcome).toEqual({ pending: 2, report_submitted: 1, quarantined: 1 });
    expect(books.reportsByStatus).toEqual({ submitted: 9, classified: 1 });
  });

  it('finds every item that needs a person, each under its check, with the time it has been waiting since', () => {
    expect(books.unaccounted.map(key).sort()).toEqual(expected.map(key).sort());
    const checks = new Set(books.unaccounted.map((item) => item.check));
    expect([...checks].sort()).toEqual([
      'inbound_pending',
      'outbox_undispatched',
      'receipt_failed',
      'receipt_missing',
      'receipt_overdue',
      'report_untriaged',
    ]);
    for (const item of books.unaccounted) expect(item.since).toBeInstanceOf(Date);
  });

  it('counts receipts queued within the delivery budget as queued, not as a problem', () => {
    expect(books.receipts).toEqual({
      sent: 1,
      queuedWithinBudget: 3,
      overdue: 1,
      failed: 2,
      missing: 1,
      awaitingWebPage: 1,
    });
  });

  it('counts reports submitted, triaged, untriaged within the grace and untriaged past it', () => {
    expect(books.triage).toEqual({
      submitted: 10,
      triaged: 8,
      untriagedWithinGrace: 1,
      untriagedPastGrace: 1,
    });
  });

  it('takes a receipt older than the delivery budget as overdue', async () => {
    const strict = await readIntakeReconciliation(db, { graceSeconds, receiptBudgetSeconds: 30 });
    expect(strict.receipts).toMatchObject({ queuedWithinBudget: 1, overdue: 3 });
    expect(strict.unaccounted.filter((item) => item.check === 'receipt_overdue')).toHaveLength(3);
  });

  it('finds only failed receipts once the grace period and budget are longer than anything has waited', async () => {
    const lenient = await readIntakeReconciliation(db, { graceSeconds: 7200, receiptBudgetSeconds: 7200 });
    expect(lenient.unaccounted.map((item) => item.check)).toEqual(['receipt_failed', 'receipt_failed']);
    expect(lenient.triage).toMatchObject({ untriagedWithinGrace: 2, untriagedPastGrace: 0 });
  });

  it('returns at most `limit` items per check, while the counts stay exact', async () => {
    const limited = await readIntakeReconciliation(db, { graceSeconds, receiptBudgetSeconds, limit: 1 });
    const perCheck = new Map<string, number>();
    for (const item of limited.unaccounted) perCheck.set(item.check, (perCheck.get(item.check) ?? 0) + 1);
    expect(perCheck.get('receipt_failed')).toBe(1);
    expect(limited.unaccounted).toHaveLength(6);
    expect(limited.receipts.failed).toBe(2);
  });
});
