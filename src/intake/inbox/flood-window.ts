/**
 * How many messages a chat sent in the last minute, for the flood limit
 * (`THROTTLE_MESSAGES_PER_MINUTE`), kept per chat in `chat_flood` instead of counted from an index
 * of every event at every turn. Two consecutive one-minute windows: the messages of the current
 * one, plus those of the previous one weighted by how much of it the last minute still covers
 * (the estimate is exact while a chat's messages fall in one window, as a burst does).
 */
export interface FloodWindow {
  /** Start of the current window; the previous one is the minute before it. */
  start: Date;
  /** Messages in the current window. */
  count: number;
  /** Messages in the previous window. */
  previous: number;
}

export const floodWindowMs = 60_000;

/**
 * Counts one message received at `at` (a chat's messages are counted in the order they were
 * received) and returns the window after it with the chat's messages in the minute up to `at`,
 * this one included.
 */
export function countMessage(window: FloodWindow | null, at: Date): { window: FloodWindow; recent: number } {
  let start = window?.start ?? at;
  let count = window?.count ?? 0;
  let previous = window?.previous ?? 0;
  // Commits of concurrent webhooks may give a later event an earlier time by a few milliseconds.
  let elapsed = Math.max(0, at.getTime() - start.getTime());
  if (elapsed >= 2 * floodWindowMs) {
    start = at;
    count = 0;
    previous = 0;
    elapsed = 0;
  } else if (elapsed >= floodWindowMs) {
    start = new Date(start.getTime() + floodWindowMs);
    previous = count;
    count = 0;
    elapsed -= floodWindowMs;
  }
  count += 1;
  const recent = count + Math.floor((previous * (floodWindowMs - elapsed)) / floodWindowMs);
  return { window: { start, count, previous }, recent };
}
