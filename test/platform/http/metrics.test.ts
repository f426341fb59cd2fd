import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';
import { intakeSeeder } from '../../support/seed-intake-rows.ts';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.ts';

const token = 'metrics_token_0123456789abcdef';

let database: PrivateDatabase;
let harness: TelegramHarness;
let baseUrl: string;
let closed: TelegramHarness;

const baseOf = (h: TelegramHarness) => h.webhookUrl.replace(/\/webhooks\/telegram$/, '');

beforeAll(async () => {
  // Its own database, so the gauges count only what this file seeds.
  database = await createPrivateDatabase();
  [harness, closed] = await Promise.all([
    startTelegramHarness({ DATABASE_URL: database.url, METRICS_TOKEN: token }),
    startTelegramHarness(),
  ]);
  baseUrl = baseOf(harness);
});
afterAll(async () => {
  await harness?.stop();
  await closed?.stop();
  await database?.drop();
});

describe('GET /metrics on the web process', () => {
  it('serves Prometheus text with intake counts, untriaged reports, queue depths and process metrics', async () => {
    const seed = intakeSeeder(harness.app.db);
    const longAgo = new Date(Date.now() - 3600_000);
    await seed.inboundEvent({ outcome: 'quarantined', receivedAt: longAgo });
    await seed.inboundEvent({ outcome: 'quarantined', receivedAt: longAgo });
    await seed.report({ submittedAt: longAgo, triagedAt: null });

    const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
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

  it('answers 401 with WWW-Authenticate: Bearer and no metrics when the bearer token is missing', async () => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.text()).not.toContain('tinbao_');
  });

  it('answers 401 to a wrong bearer token, and to the right token under another scheme', async () => {
    for (const authorization of [
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      'Bearer ',
      `Basic ${token}`,
    ]) {
      const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization } });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.text()).not.toContain('tinbao_');
    }
  });

  it('is closed (404) when no METRICS_TOKEN is configured, with or without a bearer token', async () => {
    for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
      const response = await fetch(`${baseOf(closed)}/metrics`, { headers });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('tinbao_');
    }
    expect((await fetch(`${baseOf(closed)}/healthz`)).status).toBe(200);
  });
});
