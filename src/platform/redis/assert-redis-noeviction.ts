import type { Redis } from 'ioredis';
import { AppError } from '../errors/app-error.ts';

/**
 * Refuses a Redis that may evict keys: BullMQ would lose jobs without a trace. Throws an AppError
 * `redis_eviction_policy` naming the policy found.
 */
export async function assertRedisNoEviction(redis: Redis): Promise<void> {
  const answer = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
  const policy = answer[1] ?? 'unknown';
  if (policy !== 'noeviction') {
    throw new AppError(
      'redis_eviction_policy',
      `Redis maxmemory-policy is "${policy}"; it must be "noeviction" or queued jobs may silently vanish. ` +
        'Start Redis with --maxmemory-policy noeviction.',
      { details: { policy } },
    );
  }
}
