export interface LoginThrottleOptions {
  /** Failures within `windowMs` that lock the client out. */
  maxFailures: number;
  windowMs: number;
  /** How long a locked-out client is refused, whatever it presents. */
  lockMs: number;
  /** Clients remembered at most; the oldest are forgotten first, so spoofed addresses cannot grow memory. */
  maxClients: number;
  now?: () => number;
}

export interface LoginThrottle {
  /** Milliseconds the client must still wait, or 0 when it may try. */
  lockedFor(client: string): number;
  /** Records a failed attempt; returns true when this failure locked the client out. */
  failed(client: string): boolean;
  /** A success forgets the client's earlier failures. */
  succeeded(client: string): void;
}

interface ClientRecord {
  failures: number[];
  lockedUntil: number;
}

/**
 * Slows password guessing: after `maxFailures` failures in `windowMs` a client is refused for
 * `lockMs`. Kept in memory, per process: a restart or a second web process starts afresh, which
 * is enough for one admin credential until the officer console brings real accounts.
 */
export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const now = options.now ?? Date.now;
  const clients = new Map<string, ClientRecord>();

  const current = (client: string): ClientRecord | undefined => {
    const record = clients.get(client);
    if (!record) return undefined;
    const t = now();
    record.failures = record.failures.filter((at) => t - at < options.windowMs);
    if (record.failures.length === 0 && record.lockedUntil <= t) {
      clients.delete(client);
      return undefined;
    }
    return record;
  };

  return {
    lockedFor(client) {
      const record = current(client);
      return record ? Math.max(0, record.lockedUntil - now()) : 0;
    },
    failed(client) {
      const record = current(client) ?? { failures: [], lockedUntil: 0 };
      // Map order is insertion order: re-inserting keeps the most recently failing clients last.
      clients.delete(client);
      clients.set(client, record);
      while (clients.size > options.maxClients) {
        const oldest = clients.keys().next().value;
        if (oldest === undefined) break;
        clients.delete(oldest);
      }
      record.failures.push(now());
      if (record.failures.length < options.maxFailures) return false;
      record.lockedUntil = now() + options.lockMs;
      record.failures = [];
      return true;
    },
    succeeded(client) {
      clients.delete(client);
    },
  };
}
