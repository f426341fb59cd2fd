/** A platform's send limits: overall messages a second, and per chat a burst then a steady pace. */
export interface RateLimits {
  perSecond: number;
  perChatBurst: number;
  perChatPerSecond: number;
}

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
  /**
   * A reserved send to `key` has finished. The platform counts a message when it arrives, which
   * can be well after the reserved time (a slow network, a busy event loop): the key's bucket
   * refills only from now on.
   */
  sent(key: string | null): void;
}

/**
 * A token-bucket limiter in one process: `perSecond` overall, and per key a bucket of
 * `perChatBurst` refilled at `perChatPerSecond`.
 */
export function createRateLimiter(limits: RateLimits): RateLimiter {
  let nextGlobalAt = 0;
  const perKey = new Map<string, { tokens: number; updatedAt: number }>();
  const interval = 1000 / limits.perSecond;

  // `updatedAt` is when the bucket was last charged: a send's time, which may lie in the future.
  const bucketOf = (key: string, now: number) => {
    const bucket = perKey.get(key) ?? { tokens: limits.perChatBurst, updatedAt: now };
    bucket.tokens = Math.min(
      limits.perChatBurst,
      bucket.tokens + (Math.max(0, now - bucket.updatedAt) / 1000) * limits.perChatPerSecond,
    );
    bucket.updatedAt = Math.max(bucket.updatedAt, now);
    perKey.set(key, bucket);
    return bucket;
  };

  return {
    reserve(key) {
      const now = Date.now();
      const bucket = key === null ? null : bucketOf(key, now);
      const chatWait =
        !bucket || bucket.tokens >= 1
          ? 0
          : bucket.updatedAt - now + ((1 - bucket.tokens) / limits.perChatPerSecond) * 1000;
      const at = Math.max(now + chatWait, nextGlobalAt);
      nextGlobalAt = at + interval;
      if (bucket) {
        // Charged at the send time, which the overall pace may push back: charged earlier, the
        // bucket would refill here before it does at the platform.
        bucket.tokens =
          Math.min(
            limits.perChatBurst,
            bucket.tokens + (Math.max(0, at - bucket.updatedAt) / 1000) * limits.perChatPerSecond,
          ) - 1;
        bucket.updatedAt = Math.max(bucket.updatedAt, at);
      }
      if (perKey.size > 10_000) {
        for (const [k, b] of perKey) if (b.tokens >= limits.perChatBurst) perKey.delete(k);
      }
      return Math.max(0, Math.ceil(at - now));
    },
    coolingKeys() {
      const now = Date.now();
      const cooling: string[] = [];
      // A key whose reserved send is still waiting for its time.
      for (const [key, bucket] of perKey) if (bucket.updatedAt > now) cooling.push(key);
      return cooling;
    },
    pause(ms) {
      nextGlobalAt = Math.max(nextGlobalAt, Date.now() + ms);
    },
    sent(key) {
      const bucket = key === null ? undefined : perKey.get(key);
      if (bucket) bucket.updatedAt = Math.max(bucket.updatedAt, Date.now());
    },
  };
}
