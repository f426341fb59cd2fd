import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/citizen/engine/conversation-state.ts';
import { createPgPool } from '../../src/platform/database/create-pg-pool.ts';
import { createIdentityProtection } from '../../src/platform/identity/identity-protection.ts';
import { loadDeadlineRules } from '../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../src/triage/deadlines/vietnam-calendar.ts';
import { loadTriageRules } from '../../src/triage/rules/load-triage-rules.ts';
import { createTriageBatcher } from '../../src/triage/triage-batcher.ts';
import { useSeededDatabase } from '../support/seeded-database.ts';
import { submitTestReport } from '../support/submit-test-report.ts';

// A database of its own: a worker of another test file would triage these reports first.
const seeded = useSeededDatabase();
const protection = createIdentityProtection({
  encryptionKey: Buffer.alloc(32, 7),
  hashKey: Buffer.alloc(32, 8),
});
const settings = {
  rules: loadTriageRules(),
  deadlineRules: loadDeadlineRules(),
  calendar: createVietnamCalendar(loadPublicHolidays()),
  defaultProvinceCode: '01',
};

const submit = async (draft: Partial<Draft> = {}, now = new Date('2026-03-10T09:00:00+07:00')) =>
  (await submitTestReport(seeded.url, protection, { draft, now })).reportId;

const triagedRows = (ids: string[]) =>
  seeded.db.report.findMany({
    where: { id: { in: ids } },
    include: { events: true },
    orderBy: { id: 'asc' },
  });

describe('triage in batches', () => {
  it('triages the reports asked for together in one batch: one statement, one triage time', async () => {
    const ids = await Promise.all([
      submit({ provinceCode: '01', wardCode: '00004' }),
      submit({ kind: 'trafficking', category: 'trafficking', dangerNow: true, provinceCode: '40' }),
      submit({}),
      submit({ description: 'Có nguoi cam sung trong quan' }),
    ]);
    const batcher = createTriageBatcher({ pool: seeded.pool, settings, maxBatch: 10, waitMs: 200 });
    const outcomes = await Promise.all(ids.map((id) => batcher.triage(id)));
    expect(outcomes.map((o) => o.outcome)).toEqual(['triaged', 'triaged', 'triaged', 'triaged']);
    const rows = await triagedRows(ids);
    // One batch: the same triage time for all, which two batches could not share.
    expect(new Set(rows.map((r) => r.triagedAt?.toISOString())).size).toBe(1);
    for (const row of rows) expect(row.events.filter((e) => e.kind === 'triaged')).toHaveLength(1);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids[0] as string)?.unitId).toBe('COMM-00004');
    expect(byId.get(ids[1] as string)?.unitId).toBe('PROV-40');
    expect(byId.get(ids[1] as string)?.victimTrackStatus).toBe('victim_verification');
    expect(byId.get(ids[0] as string)?.victimTrackStatus).toBe('none');
    // Each report's own decision is written to it, not a neighbour's.
    expect(byId.get(ids[1] as string)?.priority).toBeLessThan(byId.get(ids[2] as string)?.priority ?? 0);
    const weaponHits = byId.get(ids[3] as string)?.priorityHits as { ruleId: string }[];
    expect(weaponHits.map((h) => h.ruleId).join(' ')).toMatch(/weapon/);
  });

  it('starts a full batch at once, without waiting', async () => {
    const ids = await Promise.all([submit(), submit()]);
    const batcher = createTriageBatcher({ pool: seeded.pool, settings, maxBatch: 2, waitMs: 60_000 });
    const outcomes = await Promise.all(ids.map((id) => batcher.triage(id)));
    expect(outcomes.map((o) => o.outcome)).toEqual(['triaged', 'triaged']);
  });

  it('answers a repeated, an unknown and a malformed id without failing the others', async () => {
    const id = await submit();
    const batcher = createTriageBatcher({ pool: seeded.pool, settings, maxBatch: 10, waitMs: 50 });
    const outcomes = await Promise.all([
      batcher.triage(id),
      batcher.triage(id.toUpperCase()),
      batcher.triage('00000000-0000-4000-8000-000000000000'),
      batcher.triage('not-a-uuid'),
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'triaged',
      'already_triaged',
      'no_such_report',
      'no_such_report',
    ]);
    expect(await batcher.triage(id)).toEqual({ outcome: 'already_triaged' });
    const [row] = await triagedRows([id]);
    expect(row?.events.filter((e) => e.kind === 'triaged')).toHaveLength(1);
  });

  it('rejects only the report whose rules throw, and writes the others', async () => {
    // A year the holiday list lacks no longer throws (its deadlines wait, marked): a calendar
    // that fails on one year stands in for rules that throw.
    class BrokenCalendarError extends Error {}
    const brokenSettings = {
      ...settings,
      calendar: {
        isWorkingDay: (date: string) => {
          if (date.startsWith('2031-')) throw new BrokenCalendarError(`cannot read ${date}`);
          return settings.calendar.isWorkingDay(date);
        },
      },
    };
    const failing = await submit({}, new Date('2031-05-05T09:00:00+07:00'));
    const fine = await submit();
    const batcher = createTriageBatcher({
      pool: seeded.pool,
      settings: brokenSettings,
      maxBatch: 10,
      waitMs: 50,
    });
    const [bad, good] = await Promise.allSettled([batcher.triage(failing), batcher.triage(fine)]);
    expect(bad.status).toBe('rejected');
    expect(bad.status === 'rejected' && bad.reason).toBeInstanceOf(BrokenCalendarError);
    expect(good).toEqual({ status: 'fulfilled', value: expect.objectContaining({ outcome: 'triaged' }) });
    const rows = await triagedRows([failing, fine]);
    expect(rows.find((r) => r.id === failing)?.triagedAt).toBeNull();
    expect(rows.find((r) => r.id === fine)?.triagedAt).not.toBeNull();
  });

  it('triages a report whose deadlines run past the holiday list, marking them pending', async () => {
    // No holidays are configured for 2031: only the hour limits can be counted.
    const uncovered = await submit({}, new Date('2031-05-05T09:00:00+07:00'));
    const batcher = createTriageBatcher({ pool: seeded.pool, settings, maxBatch: 10, waitMs: 0 });
    expect(await batcher.triage(uncovered)).toEqual(expect.objectContaining({ outcome: 'triaged' }));
    const [row] = await triagedRows([uncovered]);
    expect(row?.classifyDueAt).not.toBeNull();
    expect(row?.decisionDueAt).toBeNull();
    expect(row?.deadlinesPendingCalendar).toBe(true);
  });

  it('rejects every report of a batch the database refuses, and takes the next batch afterwards', async () => {
    const ids = await Promise.all([submit(), submit()]);
    const closed = createPgPool(seeded.url, 1);
    await closed.end();
    const broken = createTriageBatcher({ pool: closed, settings, maxBatch: 10, waitMs: 20 });
    const results = await Promise.allSettled(ids.map((id) => broken.triage(id)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const batcher = createTriageBatcher({ pool: seeded.pool, settings, maxBatch: 10, waitMs: 0 });
    const outcomes = await Promise.all(ids.map((id) => batcher.triage(id)));
    expect(outcomes.map((o) => o.outcome)).toEqual(['triaged', 'triaged']);
  });
});
