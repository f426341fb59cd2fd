import { describe, expect, it } from 'vitest';
import { countMessage, type FloodWindow } from '../../../src/intake/inbox/flood-window.ts';

const t0 = Date.parse('2026-12-02T10:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);

/** Counts messages at the given seconds after t0, one after another; the `recent` of each. */
function counts(seconds: number[], from: FloodWindow | null = null): number[] {
  let window = from;
  return seconds.map((s) => {
    const counted = countMessage(window, at(s));
    window = counted.window;
    return counted.recent;
  });
}

describe('a chat flood window', () => {
  it('counts a burst exactly: the 31st message of a minute is the 31st', () => {
    const burst = Array.from({ length: 60 }, (_, i) => i * 0.5);
    expect(counts(burst)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('forgets a chat that was quiet for two minutes', () => {
    expect(counts([0, 1, 2, 125])).toEqual([1, 2, 3, 1]);
  });

  it('weights the previous minute by how much of it the last minute still covers', () => {
    // 40 messages in the first second, then one at 60 s (the whole previous window counts),
    // one at 90 s (half of it) and one at 119 s (a sixtieth).
    const burst = Array.from({ length: 40 }, (_, i) => i / 40);
    const recent = counts([...burst, 60, 90, 119]);
    expect(recent.slice(40)).toEqual([1 + 40, 2 + 20, 3 + 0]);
  });

  it('moves the window by whole minutes, so windows stay one minute long', () => {
    const first = countMessage(null, at(0));
    const next = countMessage(first.window, at(70));
    expect(next.window).toEqual({ start: at(60), count: 1, previous: 1 });
    // 10 s into the new window: 50 s of the previous one are still in the last minute.
    expect(next.recent).toBe(1 + Math.floor((1 * 50) / 60));
  });

  it('takes a message stamped a little before the window as inside it', () => {
    const stored = { start: at(10), count: 5, previous: 0 };
    expect(countMessage(stored, at(9.99))).toEqual({
      window: { start: at(10), count: 6, previous: 0 },
      recent: 6,
    });
  });

  it('starts from the stored window of an earlier transaction', () => {
    expect(counts([30, 31], { start: at(0), count: 29, previous: 0 })).toEqual([30, 31]);
  });
});
