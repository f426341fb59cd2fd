import type { Database } from '../../platform/database/create-database-client.ts';

export interface InboundEventCount {
  channel: string;
  outcome: string;
  n: number;
}

interface CountRow {
  mark: string;
  groups: { channel: string; outcome: string; settled: boolean; n: number }[];
}

/**
 * Inbound events by channel and outcome, without reading the whole table at every scrape.
 *
 * Events up to a watermark are settled for good, so their counts are kept and each call counts
 * only the events above it. Settled means: none is pending (an outcome only ever changes from
 * pending), and every one is already visible. The watermark is at most the newest event received
 * over a minute ago. No transaction that inserts events lasts that long (statement timeout 20 s),
 * and ids are drawn in time order, so an event not yet committed always has a higher id. This
 * relies on `received_at` being the inserting transaction's time, its default, and on inbound
 * events never being deleted (they are the record that nothing was lost); a process that counted
 * across a deletion would keep the deleted events until it restarts.
 */
export function createInboundEventCounter(db: Database): () => Promise<InboundEventCount[]> {
  let watermark = 0n;
  const settled = new Map<string, InboundEventCount>();

  const count = async (): Promise<InboundEventCount[]> => {
    // LEAST ignores a NULL: with no pending event above the watermark, the old events decide.
    const [row] = await db.$queryRaw<CountRow[]>`
      WITH fresh AS (
        SELECT id, channel::text AS channel, outcome::text AS outcome, received_at
        FROM inbound_event WHERE id > ${watermark}::bigint
      ), mark AS (
        SELECT LEAST(
          COALESCE((SELECT max(id) FROM fresh WHERE received_at < now() - interval '1 minute'), ${watermark}::bigint),
          (SELECT min(id) - 1 FROM fresh WHERE outcome = 'pending')
        ) AS id
      ), grouped AS (
        SELECT f.channel, f.outcome, f.id <= m.id AS settled, count(*)::int AS n
        FROM fresh f CROSS JOIN mark m GROUP BY 1, 2, 3
      )
      SELECT (SELECT id FROM mark)::text AS mark,
             COALESCE((SELECT json_agg(grouped) FROM grouped), '[]'::json) AS groups`;
    if (!row) throw new Error('inbound event counts: no result');
    const current = new Map<string, InboundEventCount>();
    for (const [key, kept] of settled) current.set(key, { ...kept });
    for (const group of row.groups) {
      const key = `${group.channel}\u0000${group.outcome}`;
      for (const into of group.settled ? [settled, current] : [current]) {
        const existing = into.get(key);
        if (existing) existing.n += group.n;
        else into.set(key, { channel: group.channel, outcome: group.outcome, n: group.n });
      }
    }
    watermark = BigInt(row.mark);
    return [...current.values()];
  };

  // One count at a time: two scrapes at once would both add the same settled events.
  let previous: Promise<unknown> = Promise.resolve();
  return () => {
    const next = previous.then(count);
    previous = next.catch(() => undefined);
    return next;
  };
}
