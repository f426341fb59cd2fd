import { describe, expect, it } from 'vitest';
import { spawnServiceProcess, startServiceProcess } from '../support/service-process.ts';
import { useFaultStack } from '../support/use-fault-stack.ts';

// A Redis that may evict keys: queued jobs could vanish without a trace. A database of its own:
// the worker that does start relays and reconciles whatever it finds.
const faults = useFaultStack({
  queuePrefix: 'f5-eviction',
  dbConnections: 1,
  redisArguments: ['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru'],
});

describe('start-up against a Redis that may evict keys (F5)', () => {
  it('the worker process exits non-zero, naming noeviction', async () => {
    const worker = spawnServiceProcess('worker', faults.env);
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
    await expect(startServiceProcess('all', faults.env)).rejects.toThrow(
      /exited before listening[\s\S]*noeviction/,
    );
  });

  it('the same worker starts once the policy is noeviction', async () => {
    const { redis, env } = faults;
    expect(await redis.command('CONFIG', 'SET', 'maxmemory-policy', 'noeviction')).toBe('OK');
    const worker = await startServiceProcess('worker', env);
    expect(await worker.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
