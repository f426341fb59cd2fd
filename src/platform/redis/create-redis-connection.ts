import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers must wait for Redis to come back
 * (`maxRetriesPerRequest: null`, BullMQ's requirement); producers fail fast (no offline queue) so
 * that a caller leaves work in the outbox instead of hanging while Redis is away.
 */
export function createRedisConnection(url: string, role: 'worker' | 'producer'): Redis {
  const redis =
    role === 'worker'
      ? new Redis(url, { maxRetriesPerRequest: null })
      : new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
  // Connection errors surface on the calls that need Redis; an unhandled 'error' event would end the process.
  redis.on('error', () => {});
  return redis;
}

/** Resolves once the connection is ready; rejects after `timeoutMs` (start-up needs Redis). */
export function redisReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis not reachable within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
