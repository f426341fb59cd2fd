import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config/load-config.ts';
import { createLogger } from '../../src/platform/observability/create-logger.ts';
import { createWorkerApp, type WorkerApp } from '../../src/processes/create-worker-app.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database.ts';
import { testEnvironment } from '../support/test-config.ts';

const token = 'worker_metrics_token_0123456789';

let database: PrivateDatabase;
const workers: WorkerApp[] = [];

/** A worker app listening on the default WORKER_HOST (the test environment sets none). */
async function startWorker(
  overrides: Record<string, string> = {},
  logger = createLogger('silent'),
): Promise<URL> {
  const env = testEnvironment({
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `worker-metrics-${randomBytes(3).toString('hex')}`,
    WORKER_PORT: '0',
    ...overrides,
  });
  const worker = createWorkerApp(loadConfig(env), logger);
  workers.push(worker);
  const address = await worker.start();
  if (!address) throw new Error('the worker did not listen');
  return new URL(address);
}

/** A fetch that resolves to the error code when the connection fails (refused), not throws. */
async function statusOrError(url: string, init?: RequestInit): Promise<number | string> {
  try {
    return (await fetch(url, init)).status;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? String(error);
  }
}

beforeAll(async () => {
  // A database of its own: the worker relays and reconciles whatever it finds.
  database = await createPrivateDatabase();
});
afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await database?.drop();
});

describe("the worker's HTTP listener", () => {
  it('binds 127.0.0.1 by default: another loopback address cannot reach it', async () => {
    const environment = testEnvironment();
    expect(environment.WORKER_HOST).toBeUndefined();
    expect(loadConfig(environment).WORKER_HOST).toBe('127.0.0.1');

    const address = await startWorker();
    expect(await statusOrError(`http://127.0.0.1:${address.port}/healthz`)).toBe(200);
    // Linux routes all of 127.0.0.0/8 to the loopback interface: a wildcard bind (0.0.0.0) would
    // answer on 127.0.0.2 as on every other interface; a 127.0.0.1 bind refuses it.
    expect(await statusOrError(`http://127.0.0.2:${address.port}/healthz`)).toBe('ECONNREFUSED');
    // Without METRICS_TOKEN its /metrics is open, to this machine only.
    const metrics = await fetch(`http://127.0.0.1:${address.port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^tinbao_process_resident_memory_bytes \d/m);
  });

  it('with METRICS_TOKEN, /metrics wants the bearer token and /healthz stays open', async () => {
    const address = await startWorker({ METRICS_TOKEN: token });
    const metricsUrl = `http://127.0.0.1:${address.port}/metrics`;

    const missing = await fetch(metricsUrl);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(await missing.text()).not.toContain('tinbao_');
    expect(await statusOrError(metricsUrl, { headers: { authorization: `Bearer ${token}-` } })).toBe(401);

    const right = await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toContain('text/plain');
    expect(await right.text()).toMatch(/^tinbao_process_resident_memory_bytes \d/m);
    expect(await statusOrError(`http://127.0.0.1:${address.port}/healthz`)).toBe(200);
  });
  it('warns at start when its /metrics is open beyond this machine, and not with a token', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const warning = 'worker /metrics is open beyond this machine: set METRICS_TOKEN';
    await startWorker({ WORKER_HOST: '0.0.0.0' }, createLogger('warn', stream));
    expect(lines.filter((line) => line.includes(warning))).toHaveLength(1);
    lines.length = 0;
    await startWorker({ WORKER_HOST: '0.0.0.0', METRICS_TOKEN: token }, createLogger('warn', stream));
    await startWorker({}, createLogger('warn', stream));
    expect(lines.filter((line) => line.includes(warning))).toEqual([]);
  });
});
