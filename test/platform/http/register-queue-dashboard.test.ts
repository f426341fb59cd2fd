import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxJobId, outboxRoutes } from '../../../src/triage/outbox/outbox-routes.ts';
import { queueNames } from '../../../src/triage/queues/queue-names.ts';
import { triageJob } from '../../../src/triage/queues/triage-job.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.ts';

const user = 'ops-admin';
const password = `pw-${randomBytes(12).toString('hex')}`;
// A queue prefix of its own: no worker of another test file takes the job this file adds.
const queuePrefix = `tinbao-dash-${randomBytes(4).toString('hex')}`;

let database: PrivateDatabase;
let withAdmin: TelegramHarness;
let withoutAdmin: TelegramHarness;
let baseUrl: string;

beforeAll(async () => {
  database = await createPrivateDatabase();
  withAdmin = await startTelegramHarness({
    DATABASE_URL: database.url,
    QUEUE_PREFIX: queuePrefix,
    ADMIN_USER: user,
    ADMIN_PASSWORD: password,
    TRUST_PROXY: 'true',
  });
  withoutAdmin = await startTelegramHarness({
    DATABASE_URL: database.url,
    QUEUE_PREFIX: queuePrefix,
    TRUST_PROXY: 'true',
  });
  baseUrl = withAdmin.webhookUrl.replace(/\/webhooks\/telegram$/, '');
});
afterAll(async () => {
  const queue = new Queue(queueNames.triage, {
    connection: { host: '127.0.0.1', port: 6379 },
    prefix: queuePrefix,
  });
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  await withAdmin?.stop();
  await withoutAdmin?.stop();
  await database?.drop();
});

function basic(name: string, secret: string): string {
  return `Basic ${Buffer.from(`${name}:${secret}`).toString('base64')}`;
}

/** Each test speaks from its own address (TRUST_PROXY: X-Forwarded-For is read), so lockouts do not leak. */
function get(path: string, options: { authorization?: string; from: string; url?: string }) {
  const headers: Record<string, string> = { 'x-forwarded-for': options.from };
  if (options.authorization) headers.authorization = options.authorization;
  return fetch(`${options.url ?? baseUrl}${path}`, { headers });
}

describe('the queue dashboard', () => {
  it('asks for credentials with a Basic challenge when none are sent', async () => {
    const response = await get('/admin/queues', { from: '198.51.100.1' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="Tin Bao admin"/);
    expect(await response.text()).not.toContain('<html');
  });

  it('refuses a wrong password, a wrong user and a malformed header', async () => {
    for (const authorization of [basic(user, `${password}x`), basic('admin', password), 'Basic %%%']) {
      const response = await get('/admin/queues/api/queues', { authorization, from: '198.51.100.2' });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="Tin Bao admin"/);
    }
  });

  it('serves the board and lists the triage queue to the admin', async () => {
    const authorization = basic(user, password);
    const page = await get('/admin/queues', { authorization, from: '198.51.100.3' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<html');
    // Operator PCs may have no internet, and the board must not tell anyone who opens it.
    expect(html).not.toMatch(/https?:\/\//);

    const api = await get('/admin/queues/api/queues', { authorization, from: '198.51.100.3' });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).toContain(queueNames.triage);
  });

  it('shows a job exactly as the outbox relay writes it: ids only', async () => {
    const route = outboxRoutes['report.submitted'];
    if (!route) throw new Error('no outbox route for report.submitted');
    const reportId = randomUUID();
    const data = route.data({ id: 42n, aggregateId: reportId });
    const queue = new Queue(queueNames.triage, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: queuePrefix,
    });
    await queue.add(route.jobName, data, { ...route.options, jobId: outboxJobId(42n) });
    await queue.close();

    const api = await get(`/admin/queues/api/queues?activeQueue=${queueNames.triage}&status=waiting`, {
      authorization: basic(user, password),
      from: '198.51.100.4',
    });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string; jobs: { id: string; data: unknown }[] }[] };
    const shown = body.queues
      .find((q) => q.name === queueNames.triage)
      ?.jobs.find((j) => j.id === 'outbox-42');
    expect(shown?.data).toEqual({ reportId, outboxId: '42' });
    // The worker's schema is strict: a job carrying anything but the two ids would be refused.
    expect(triageJob.payload.safeParse(shown?.data).success).toBe(true);
    expect(triageJob.payload.safeParse({ ...data, description: 'x' }).success).toBe(false);
  });

  it('locks an address out after ten failures, even for the right password, but not other addresses', async () => {
    const from = '198.51.100.5';
    for (let i = 0; i < 10; i++) {
      const response = await get('/admin/queues', { authorization: basic(user, `wrong-${i}`), from });
      expect(response.status).toBe(401);
    }
    const locked = await get('/admin/queues', { authorization: basic(user, password), from });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(500);

    const other = await get('/admin/queues', { authorization: basic(user, password), from: '198.51.100.6' });
    expect(other.status).toBe(200);
  });

  it('is not mounted at all without ADMIN_USER and ADMIN_PASSWORD', async () => {
    const url = withoutAdmin.webhookUrl.replace(/\/webhooks\/telegram$/, '');
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const response = await get(path, { authorization: basic(user, password), from: '198.51.100.7', url });
      expect(response.status).toBe(404);
    }
  });
});
