import { Redis } from 'ioredis';
import { AppError, isAppError } from '../../platform/errors/app-error.ts';
import { assertRedisNoEviction } from '../../platform/redis/assert-redis-noeviction.ts';
import { failureOf, serverOf } from './demo-setup-error.ts';

/** Checks that Redis answers at `redisUrl` and keeps its keys (noeviction), before anything starts. */
export async function checkDemoRedis(redisUrl: string): Promise<void> {
  const url = new URL(redisUrl);
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // With no retries ioredis rejects with "Connection is closed."; the reason came as an event.
  let connectionError: unknown;
  redis.on('error', (error) => {
    connectionError = error;
  });
  try {
    await redis.connect();
    await assertRedisNoEviction(redis);
  } catch (error) {
    if (isAppError(error, 'redis_eviction_policy'))
      throw new AppError(
        'demo_setup',
        `Redis at ${serverOf(url, 6379)} may evict queued jobs (maxmemory-policy ${error.details.policy}): run \`redis-cli config set maxmemory-policy noeviction\` or set REDIS_URL to another Redis.`,
      );
    const { code, message, unreachable } = failureOf(connectionError ?? error);
    if (unreachable || message.includes('timeout'))
      throw new AppError(
        'demo_setup',
        `Redis is not reachable at ${serverOf(url, 6379)} (${code ?? message}): start it (for example \`redis-server --daemonize yes\`) or set REDIS_URL to a Redis that runs.`,
      );
    throw new AppError(
      'demo_setup',
      `Redis at ${serverOf(url, 6379)} answered: ${message}. Check REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}
