import { Redis } from 'ioredis';

/**
 * Deletes every Redis key under one of the bench's own BullMQ prefixes (`<prefix>:*`), and nothing
 * else. Returns how many keys were removed.
 */
export async function deleteQueueKeys(prefix: string): Promise<number> {
  if (!/^tinbao-bench-[a-z0-9-]+$/.test(prefix)) throw new Error(`refusing to delete keys of ${prefix}`);
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  let removed = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) removed += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}
