import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database.ts';
import { intakeSeeder } from '../support/seed-intake-rows.ts';
import { startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.ts';

let database: PrivateDatabase;
let harness: TelegramHarness;
let baseUrl: string;

beforeAll(async () => {
  // Its own database, so the gauges count only what this file seeds.
  database = await createPrivateDatabase();
  harness = await startTelegramHarness({ DATABASE_URL: database.url });
  baseUrl = harness.webhookUrl.replace(/\/webhooks\/telegram$/, '');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

describe('GET /metrics on the web process', () => {
  it('serves Prometheus text with intake counts, untriaged reports, queue depths and process metrics', async () => {
    const seed = intakeSeeder(harness.app.db);
    const longAgo = new Date(Date.now() - 3600_000);
    await seed.inboundEvent({ outcome: 'quarantined', receivedAt: longAgo });
    await seed.inboundEvent({ outcome: 'quarantined', receivedAt: longAgo });
    await seed.report({ submittedAt: longAgo, triagedAt: null });

    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('tinbao_inbound_events{channel="telegram",outcome="quarantined"} 2');
    expect(text).toMatch(/^tinbao_reports_untriaged 1$/m);
    expect(text).toMatch(/^tinbao_queue_jobs\{queue="triage",state="waiting"\} \d+$/m);
    expect(text).toContain('tinbao_queue_jobs{queue="triage",state="failed"}');
    expect(text).toContain('# TYPE tinbao_triage_job_duration_seconds histogram');
    expect(text).toContain('# TYPE tinbao_triage_lag_seconds histogram');
    expect(text).toMatch(/^tinbao_process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^tinbao_process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^tinbao_nodejs_eventloop_lag_seconds \d/m);
  });
});
