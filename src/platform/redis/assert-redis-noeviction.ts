import type { Redis } from 'ioredis';

export class RedisEvictionPolicyError extends Error {
  constructor(readonly policy: string) {
    super(
      `Redis maxmemory-policy is "${policy}"; it must be "noeviction" or queued jobs may silently vanish. ` +
        'Start Redis with --maxmemory-policy noeviction.',
    );
    this.name = 'RedisEvictionPolicyError';
  }
}

/** Refuses a Redis that may evict keys: BullMQ would lose jobs without a trace. */
export async function assertRedisNoEviction(redis: Redis): Promise<void> {
  const answer = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
  const policy = answer[1] ?? 'unknown';
  if (policy !== 'noeviction') throw new RedisEvictionPolicyError(policy);
}
