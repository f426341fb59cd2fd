import type pg from 'pg';
import { inTransaction, type PgClient, type PgPool } from '../../platform/database/create-pg-pool.ts';
import { insertLedgerEntries } from './insert-ledger-entries.ts';
import { ledgerGenesisHash } from './ledger-entry-hash.ts';
import { type LedgerProgress, ledgerProgress, registerYearKey, takeSample } from './ledger-progress.ts';
import type { NewLedgerEntry } from './ledger-subject-content.ts';
import { eventsSealedUpTo, readUnsealedEvents } from './unsealed-events.ts';
import {
  type RegisterYearBound,
  readUnsealedRegisterLines,
  sealedRegisterYears,
} from './unsealed-register-lines.ts';

// The single bigint key space of advisory locks: beside the outbox reconciler's 728_201 and the
// audit log's 728_202.
const ledgerAppendLockKey = 728_203;

// Lock, then read in a second statement: under READ COMMITTED its snapshot is taken after the lock
// is granted, so it sees the head the previous holder committed. The event id sequence is read
// there too, for LedgerProgress (values of transactions still open count).
const lockThenReadHead = `SELECT pg_advisory_xact_lock(${ledgerAppendLockKey});
SELECT last.hash,
       COALESCE(pg_sequence_last_value(pg_get_serial_sequence('report_event', 'id')::regclass), 0)::text
         AS event_sequence
  FROM (VALUES (1)) AS one
  LEFT JOIN LATERAL (SELECT hash FROM ledger_entry ORDER BY id DESC LIMIT 1) AS last ON true`;

/**
 * One round of the ledger: seals up to `limit` register lines not yet chained (in register order)
 * and up to `limit` status events not yet chained (in id order), each older than two seconds,
 * into the hash chain, and returns how many entries it added.
 *
 * It reads `report` and `report_event` after their transactions committed and adds nothing to
 * them (no trigger, no lock): submission and status changes never wait for the ledger. Rounds are
 * serialised by a transaction-scoped advisory lock, under which the head is read, so the chain
 * never forks.
 *
 * Cost: "not yet chained" is an anti-join against the ledger's (kind, subject_id) index, above the
 * floors `progress` keeps (see LedgerProgress). Without `progress` the round sweeps everything:
 * a loop keeps one for its life.
 * @example const chained = await appendLedger(pool, 500, progress); // 0 once everything is sealed
 */
export async function appendLedger(pool: PgPool, limit: number, progress?: LedgerProgress): Promise<number> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  const known = progress ?? ledgerProgress();
  const eventFloor = known.eventFloor;
  const startedAt = Date.now();
  const sweep = known.sweptAt === null || startedAt - known.sweptAt >= known.horizonMs / 10;
  const eventsFrom = sweep ? eventFloor : maxId(known.eventFrom, eventFloor);
  const round = await inTransaction(pool, {}, async (client) => {
    const [, head] = (await client.query(lockThenReadHead)) as unknown as [
      pg.QueryResult,
      pg.QueryResult<{ hash: Buffer | null; event_sequence: string }>,
    ];
    const sampledAt = Date.now();
    const bounds = await registerYearBounds(client, known);
    const lines = await readUnsealedRegisterLines(client, limit, bounds);
    const events = await readUnsealedEvents(client, limit, eventsFrom);
    const entries = [...lines, ...events];
    if (entries.length > 0)
      await insertLedgerEntries(client, head.rows[0]?.hash ?? ledgerGenesisHash, entries);
    const ripe = takeSample(known, sampledAt, head.rows[0]?.event_sequence ?? '0');
    const eventsRise =
      ripe !== null &&
      BigInt(ripe) > BigInt(eventFloor) &&
      (await eventsSealedUpTo(client, eventFloor, ripe));
    return {
      chained: entries.length,
      lastEvent: events.at(-1)?.subjectId ?? null,
      allEventsRead: events.length < limit,
      nextEventFloor: eventsRise ? ripe : null,
      sealedYears: [...contiguousYears(bounds, lines), ...(await sealedRegisterYears(client, bounds))],
    };
  });
  // Only once the round committed: a rolled-back round sealed nothing.
  if (sweep) known.sweptAt = startedAt;
  if (round.lastEvent !== null) known.highestSealed = maxId(known.highestSealed, round.lastEvent);
  // Every event old enough above `eventsFrom` was read (lowest first): read on from the last one,
  // or, when none was left, from the highest this process sealed.
  known.eventFrom = round.allEventsRead ? known.highestSealed : (round.lastEvent ?? eventsFrom);
  if (round.nextEventFloor !== null) known.eventFloor = round.nextEventFloor;
  for (const year of round.sealedYears) {
    const key = registerYearKey(year.register, year.year);
    known.registerFloors.set(key, Math.max(known.registerFloors.get(key) ?? 0, year.lastSeq));
  }
  return round.chained;
}

function maxId(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}

/**
 * The register years whose lines this round sealed from just above their floor without a hole, up
 * to the last one sealed: numbers commit in number order (under the counter's lock), so every
 * number up to it is sealed, and that is the year's new floor.
 */
function contiguousYears(bounds: readonly RegisterYearBound[], lines: readonly NewLedgerEntry[]) {
  return bounds.flatMap((bound) => {
    const seqs = lines
      .map((line) => line.content as { register?: string; registerYear?: number; registerSeq?: number })
      .filter((c) => c.register === bound.register && c.registerYear === bound.year)
      .map((c) => c.registerSeq ?? 0);
    const last = seqs.at(-1);
    const contiguous =
      last !== undefined && seqs[0] === bound.floor + 1 && last - bound.floor === seqs.length;
    return contiguous ? [{ ...bound, lastSeq: last }] : [];
  });
}

/** Every register's year as its counter stands now, with the floor known for it. */
async function registerYearBounds(client: PgClient, progress: LedgerProgress): Promise<RegisterYearBound[]> {
  const { rows } = await client.query<{ register: string; year: number; last_seq: number }>({
    name: 'ledger-register-counters',
    text: 'SELECT register, year, last_seq FROM register_counter ORDER BY register, year',
  });
  return rows.map((row) => ({
    register: row.register,
    year: row.year,
    lastSeq: row.last_seq,
    floor: progress.registerFloors.get(registerYearKey(row.register, row.year)) ?? 0,
  }));
}
