import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../src/citizen/engine/conversation-state.ts';
import { createPgPool } from '../../src/platform/database/create-pg-pool.ts';
import { createIdentityProtection } from '../../src/platform/identity/identity-protection.ts';
import { createLogger } from '../../src/platform/observability/create-logger.ts';
import { createWorkerApp, type WorkerApp } from '../../src/processes/create-worker-app.ts';
import { loadDeadlineRules } from '../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../src/triage/deadlines/vietnam-calendar.ts';
import { loadTriageRules } from '../../src/triage/rules/load-triage-rules.ts';
import { triageSubmittedReports } from '../../src/triage/triage-submitted-report.ts';
import { eventually } from '../support/eventually.ts';
import { submitTestReport } from '../support/submit-test-report.ts';
import { testConfig } from '../support/test-config.ts';

const config = testConfig({ RECONCILE_GRACE_SECONDS: '1', RECONCILE_INTERVAL_SECONDS: '1' });
const protection = createIdentityProtection({
  encryptionKey: config.IDENTITY_ENCRYPTION_KEY,
  hashKey: config.IDENTITY_HASH_KEY,
});
let worker: WorkerApp;

beforeAll(async () => {
  worker = createWorkerApp(config, createLogger('silent'));
  await worker.start({ listen: false });
});
afterAll(async () => {
  await worker?.stop();
});

async function submit(draft: Partial<Draft>): Promise<string> {
  const submitted = await submitTestReport(config.DATABASE_URL, protection, {
    draft,
    now: new Date('2026-02-12T10:00:00+07:00'),
  });
  return submitted.reportId;
}

const triaged = (reportId: string) =>
  eventually(
    () => worker.db.report.findUniqueOrThrow({ where: { id: reportId }, include: { events: true } }),
    (report) => report.triagedAt !== null,
    15_000,
  );

describe('the triage pipeline', () => {
  it('routes a commune tip to its commune police with deadlines counted over Tết', async () => {
    const reportId = await submit({ provinceCode: '01', wardCode: '00004' });
    const report = await triaged(reportId);
    expect(report.unitId).toBe('COMM-00004');
    expect(report.priority).toBe(3);
    // Received Thursday 12 Feb 2026: Friday 13 is day 1; Tết (14–22 Feb) is skipped; Mon 23, Tue 24.
    expect(report.receiptNoticeDueAt?.toISOString()).toBe('2026-02-24T16:59:59.999Z');
    expect(report.classifyDueAt?.toISOString()).toBe('2026-02-13T03:00:00.000Z');
    expect(report.events.filter((e) => e.kind === 'triaged')).toHaveLength(1);
  });

  it('sends trafficking with a child in danger to the provincial police at top priority, with its reasons', async () => {
    const reportId = await submit({
      kind: 'trafficking',
      category: 'trafficking',
      situation: 'scam_compound',
      dangerNow: true,
      childInvolved: 'yes',
      provinceCode: '40',
      wardCode: undefined,
    });
    const report = await triaged(reportId);
    expect(report.unitId).toBe('PROV-40');
    expect(report.priority).toBe(1);
    expect(report.victimVerificationDueAt).not.toBeNull();
    expect(report.victimTrackStatus).toBe('victim_verification');
    const hits = (report.priorityHits as { ruleId: string }[]).map((h) => h.ruleId);
    expect(hits).toContain('danger_now');
  });

  it('running triage again changes nothing and writes no second event', async () => {
    const reportId = await submit({});
    const first = await triaged(reportId);
    const settings = {
      rules: loadTriageRules(),
      deadlineRules: loadDeadlineRules(),
      calendar: createVietnamCalendar(loadPublicHolidays()),
      defaultProvinceCode: '01',
    };
    const pool = createPgPool(config.DATABASE_URL, 1);
    try {
      expect((await triageSubmittedReports(pool, settings, [reportId])).get(reportId)).toEqual({
        outcome: 'already_triaged',
      });
    } finally {
      await pool.end();
    }
    const again = await worker.db.report.findUniqueOrThrow({
      where: { id: reportId },
      include: { events: true },
    });
    expect(again.triagedAt).toEqual(first.triagedAt);
    expect(again.events.filter((e) => e.kind === 'triaged')).toHaveLength(1);
  });

  it('re-enqueues a report whose job vanished from Redis', async () => {
    const reportId = await submit({});
    await triaged(reportId);
    // Simulate a lost job: the report looks untriaged, its outbox row dispatched, Redis has no job.
    await worker.db.report.update({ where: { id: reportId }, data: { triagedAt: null } });
    await worker.db.reportEvent.deleteMany({ where: { reportId, kind: 'triaged' } });
    const queue = worker.queues.get('triage');
    const outbox = await worker.db.outbox.findFirstOrThrow({ where: { aggregateId: reportId } });
    await (await queue?.getJob(`outbox-${outbox.id}`))?.remove();
    const report = await triaged(reportId);
    expect(report.events.filter((e) => e.kind === 'triaged')).toHaveLength(1);
  });

  it('fails a poisoned job once, without retries, and counts it as an alert', async () => {
    const queue = worker.queues.get('triage');
    const job = await queue?.add(
      'triage-report',
      { reportId: 'not-a-uuid', note: 'unexpected' },
      { attempts: 5 },
    );
    const failed = await eventually(
      async () => (job?.id ? await queue?.getJob(job.id) : undefined),
      (found) => found?.failedReason !== undefined && found.failedReason !== '',
      15_000,
    );
    expect(failed?.attemptsMade).toBe(1);
    expect(await failed?.isFailed()).toBe(true);
    const poisoned = await worker.metrics.registry.getSingleMetricAsString('tinbao_triage_jobs_total');
    expect(poisoned).toMatch(/result="poisoned"} [1-9]/);
  });
});
