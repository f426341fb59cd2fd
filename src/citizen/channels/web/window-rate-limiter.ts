export interface WindowRateLimiter {
  /** Counts one request of `key`; says whether it is within the limit and, if not, when to retry. */
  take(key: string, now?: number): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

export interface WindowRateLimits {
  limit: number;
  windowMs: number;
  /** Keys remembered at most; expired windows are dropped first, then the oldest. */
  maxKeys?: number;
}

/**
 * A fixed-window counter per key, in this process's memory: enough to slow a flood at the door
 * (the intake's per-chat throttle still counts every message that gets through). Memory is
 * bounded, so a flood of new keys cannot grow it without limit.
 */
export function createWindowRateLimiter(limits: WindowRateLimits): WindowRateLimiter {
  const maxKeys = limits.maxKeys ?? 100_000;
  const windows = new Map<string, { start: number; count: number }>();

  const prune = (now: number) => {
    for (const [key, window] of windows) {
      if (now - window.start >= limits.windowMs) windows.delete(key);
    }
    // Maps iterate in insertion order: the first keys are the oldest windows.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };

  return {
    take(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || now - window.start >= limits.windowMs) {
        if (window) windows.delete(key);
        if (windows.size >= maxKeys) prune(now);
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= limits.limit) {
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((window.start + limits.windowMs - now) / 1000)),
        };
      }
      window.count += 1;
      return { allowed: true };
    },
  };
}
