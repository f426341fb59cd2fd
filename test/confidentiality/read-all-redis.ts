import type { Redis } from 'ioredis';

/**
 * Every key of a Redis and every value under it, as one text (for searching), whatever the
 * key's type: strings, hashes, lists, sets, sorted sets and streams. Closes the connection.
 */
export async function readAllRedis(redis: Redis): Promise<{ keys: number; text: string }> {
  const parts: string[] = [];
  let keys = 0;
  try {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of batch) {
        keys++;
        parts.push(key, ...(await readValue(redis, key)));
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return { keys, text: parts.join('\n') };
}

async function readValue(redis: Redis, key: string): Promise<string[]> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return [(await redis.get(key)) ?? ''];
    case 'hash':
      return Object.entries(await redis.hgetall(key)).flat();
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, '0', '-1', 'WITHSCORES');
    case 'stream':
      return (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
    case 'none':
      return [];
    default:
      throw new Error(`a Redis key of type ${type} this search cannot read`);
  }
}
