import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config/load-config.ts';
import { createIdentityProtection } from '../../src/platform/identity/identity-protection.ts';
import { createLogger } from '../../src/platform/observability/create-logger.ts';
import { createWorkerApp, type WorkerApp } from '../../src/processes/create-worker-app.ts';
import { loadDeadlineRules } from '../../src/triage/deadlines/load-deadline-rules.ts';
import { createVietnamCalendar } from '../../src/triage/deadlines/vietnam-calendar.ts';
import { loadTriageRules } from '../../src/triage/rules/load-triage-rules.ts';
import { triageSubmittedReports } from '../../src/triage/triage-submitted-report.ts';
import { eventually } from '../support/eventually.ts';
import { holidayListUntil } from '../support/holiday-list-until.ts';
import { useSeededDatabase } from '../support/seeded-database.ts';
import { submitTestReport } from '../support/submit-test-report.ts';
import { testEnvironment } from '../support/test-config.ts';

const seeded = useSeededDatabase();
const workers: WorkerApp[] = [];
const protection = createIdentityProtection({
  encryptionKey: Buffer.alloc(32, 13),
  hashKey: Buffer.alloc(32, 14),
});
// What a worker still on the list that ends in 2027 does with a report.
const oldSettings = {
  rules: loadTriageRules(),
  deadlineRules: loadDeadlineRules(),
  calendar: createVietnamCalendar(holidayListUntil(2027)),
  defaultProvinceCode: '01',
};

afterAll(async () => {
  for (const worker of workers) await worker.stop();
});

function startWorker(overrides: Record<string, string>) {
  const lines: { level: number; msg: string; [field: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const env = testEnvironment({
    DATABASE_URL: seeded.url,
    QUEUE_PREFIX: `calendar-horizon-${randomBytes(3).toString('hex')}`,
    RECONCILE_INTERVAL_SECONDS: '1',
    ...overrides,
  });
  const worker = createWorkerApp(loadConfig(env), createLogger('info', stream));
  workers.push(worker);
  return { worker, lines };
}

async function pendingReport(receivedAt: string, triagedAt = new Date()): Promise<string> {
  const { reportId } = await submitTestReport(seeded.url, protection, { now: new Date(receivedAt) });
  await triageSubmittedReports(seeded.pool, oldSettings, [reportId], triagedAt);
  return reportId;
}

const pendingMark = async (id: string) =>
  (await seeded.db.report.findUniqueOrThrow({ where: { id } })).deadlinesPendingCalendar;

describe('the worker and the end of the holiday list', () => {
  it('re-derives pending deadlines when it starts with a longer list, and serves the calendar gauges', async () => {
    const id = await pendingReport('2027-11-01T10:00:00+07:00');
    expect(await pendingMark(id)).toBe(true);
    const { worker } = startWorker({});
    await worker.start({ listen: false });
    expect(await pendingMark(id)).toBe(false);
    const text = await worker.metrics.registry.metrics();
    expect(text).toMatch(/^tinbao_holiday_calendar_days_left \d+$/m);
    expect(text).toMatch(/^tinbao_reports_pending_calendar 0$/m);

    // Marked later by a worker still on the old list: the reconciler's next round fills it.
    const late = await pendingReport('2027-12-20T10:00:00+07:00');
    expect(await pendingMark(late)).toBe(true);
    await eventually(
      () => pendingMark(late),
      (pending) => !pending,
      15_000,
    );
    const report = await seeded.db.report.findUniqueOrThrow({ where: { id: late } });
    expect(report.decisionDueAt?.toISOString()).toBe('2028-01-10T16:59:59.999Z');
  });

  it('warns at start when its list ends within 90 days', async () => {
    const list = holidayListUntil(2026);
    const file = join(mkdtempSync(join(tmpdir(), 'holidays-')), 'holidays.json');
    writeFileSync(
      file,
      JSON.stringify({
        years: list.years,
        holidays: list.holidays.map((h) => ({
          date: h.date,
          occasion: h.occasion,
          name_vi: h.nameVi,
          name_en: h.nameEn,
          kind: h.kind,
          source: h.source,
        })),
        make_up_working_days: list.makeUpWorkingDays.map((d) => ({
          date: d.date,
          name_vi: d.nameVi,
          name_en: d.nameEn,
          source: d.source,
        })),
      }),
    );
    const { worker, lines } = startWorker({ PUBLIC_HOLIDAYS_FILE: file });
    await worker.start({ listen: false });
    // The list ends on 31 Dec 2026: within 90 days of any day since 2 Oct 2026 (this test's clock).
    const warning = lines.find((l) => l.level === 40 && l.lastCoveredDate === '2026-12-31');
    expect(warning).toMatchObject({ warning: true });
    expect(Number(warning?.daysLeft)).toBeLessThanOrEqual(90);
  });
});
