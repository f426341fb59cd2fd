export interface RateLimiter {
  /**
   * Reserves a send to `key` and returns how long to wait before it (0 = now). Sends are spaced
   * so the overall rate and each key's rate (a burst, then a steady pace) stay within the limits.
   */
  reserve(key: string | null): number;
  /** Keys that could not send for a while: the dispatcher does not claim their messages now. */
  coolingKeys(): string[];
  /** Hold everything back, after the platform answered 429. */
  pause(ms: number): void;
}

/**
 * A token-bucket limiter in one process: `perSecond` overall, and per key a bucket of
 * `perChatBurst` refilled at `perChatPerSecond`.
 */
export function createRateLimiter(limits: {
  perSecond: number;
  perChatBurst: number;
  perChatPerSecond: number;
}): RateLimiter {
  let nextGlobalAt = 0;
  const perKey = new Map<string, { tokens: number; updatedAt: number }>();
  const interval = 1000 / limits.perSecond;

  const bucketOf = (key: string, now: number) => {
    const bucket = perKey.get(key) ?? { tokens: limits.perChatBurst, updatedAt: now };
    bucket.tokens = Math.min(
      limits.perChatBurst,
      bucket.tokens + ((now - bucket.updatedAt) / 1000) * limits.perChatPerSecond,
    );
    bucket.updatedAt = now;
    perKey.set(key, bucket);
    return bucket;
  };

  return {
    reserve(key) {
      const now = Date.now();
      let chatWait = 0;
      if (key !== null) {
        const bucket = bucketOf(key, now);
        chatWait = bucket.tokens >= 1 ? 0 : ((1 - bucket.tokens) / limits.perChatPerSecond) * 1000;
        bucket.tokens -= 1;
      }
      const at = Math.max(now + chatWait, nextGlobalAt);
      nextGlobalAt = at + interval;
      if (perKey.size > 10_000) {
        for (const [k, b] of perKey) if (b.tokens >= limits.perChatBurst) perKey.delete(k);
      }
      return Math.max(0, Math.ceil(at - now));
    },
    coolingKeys() {
      const now = Date.now();
      const cooling: string[] = [];
      for (const [key, bucket] of perKey) {
        const tokens = bucket.tokens + ((now - bucket.updatedAt) / 1000) * limits.perChatPerSecond;
        if (tokens < 0) cooling.push(key);
      }
      return cooling;
    },
    pause(ms) {
      nextGlobalAt = Math.max(nextGlobalAt, Date.now() + ms);
    },
  };
}
