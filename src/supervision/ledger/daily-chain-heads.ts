/** One day of the ledger: how many entries have their `at` on it, and the hash of the last one. */
export interface DailyChainHead {
  /** YYYY-MM-DD in Vietnam (UTC+7, no summer time). */
  day: string;
  entries: number;
  /** Hex SHA-256 of the day's last entry in chain order. */
  head: string;
}

const vietnamOffsetMs = 7 * 3600_000;

/** The Vietnamese calendar day of an instant. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + vietnamOffsetMs).toISOString().slice(0, 10);
}

/**
 * Collects the daily heads while the chain is walked in order: an entry chained late for an
 * earlier day (a long transaction) becomes that day's head, since the head is the last entry
 * chained with its time on the day.
 * @example const heads = dailyChainHeads(); heads.add(row.at, row.hash); heads.list()
 */
export function dailyChainHeads(): { add(at: Date, hash: Buffer): void; list(): DailyChainHead[] } {
  const days = new Map<string, { entries: number; head: Buffer }>();
  return {
    add(at, hash) {
      const day = vietnamDay(at);
      days.set(day, { entries: (days.get(day)?.entries ?? 0) + 1, head: hash });
    },
    list() {
      return [...days]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([day, { entries, head }]) => ({ day, entries, head: head.toString('hex') }));
    },
  };
}
