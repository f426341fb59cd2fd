import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database.ts';
import { type RedisInstance, startRedisInstance } from '../support/redis-instance.ts';
import {
  killAllServiceProcesses,
  spawnServiceProcess,
  startServiceProcess,
} from '../support/service-process.ts';
import { testEnvironment } from '../support/test-config.ts';

let database: PrivateDatabase;
let redis: RedisInstance;
let env: Record<string, string>;

beforeAll(async () => {
  // A Redis that may evict keys: queued jobs could vanish without a trace.
  [database, redis] = await Promise.all([
    createPrivateDatabase(),
    startRedisInstance(['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']),
  ]);
  // A database of its own: the worker that does start relays and reconciles whatever it finds.
  env = testEnvironment({
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'f5-eviction',
    WORKER_HOST: '127.0.0.1',
    WORKER_PORT: '0',
  });
});
afterAll(async () => {
  await killAllServiceProcesses();
  await redis?.stop();
  await database?.drop();
});

describe('start-up against a Redis that may evict keys (F5)', () => {
  it('the worker process exits non-zero, naming noeviction', async () => {
    const worker = spawnServiceProcess('worker', env);
    const exit = await Promise.race([
      worker.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('still running after 30 s')), 30_000),
      ),
    ]).catch(async (error: unknown) => {
      await worker.kill();
      throw new Error(`${String(error)}\n${worker.output()}`);
    });
    expect(exit).toEqual({ code: 1, signal: null });
    expect(worker.output()).toContain('allkeys-lru');
    expect(worker.output()).toContain('noeviction');
  });

  it('the all-in-one process refuses to listen, naming noeviction', async () => {
    await expect(startServiceProcess('all', env)).rejects.toThrow(/exited before listening[\s\S]*noeviction/);
  });

  it('the same worker starts once the policy is noeviction', async () => {
    expect(await redis.command('CONFIG', 'SET', 'maxmemory-policy', 'noeviction')).toBe('OK');
    const worker = await startServiceProcess('worker', env);
    expect(await worker.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
