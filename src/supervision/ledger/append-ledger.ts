import type pg from 'pg';
import { inTransaction, type PgClient, type PgPool } from '../../platform/database/create-pg-pool.ts';
import { insertLedgerEntries } from './insert-ledger-entries.ts';
import { ledgerGenesisHash } from './ledger-entry-hash.ts';
import { type LedgerProgress, ledgerProgress, registerYearKey, takeSample } from './ledger-progress.ts';
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
  const round = await inTransaction(pool, {}, async (client) => {
    const [, head] = (await client.query(lockThenReadHead)) as unknown as [
      pg.QueryResult,
      pg.QueryResult<{ hash: Buffer | null; event_sequence: string }>,
    ];
    const sampledAt = Date.now();
    const bounds = await registerYearBounds(client, known);
    const entries = [
      ...(await readUnsealedRegisterLines(client, limit, bounds)),
      ...(await readUnsealedEvents(client, limit, eventFloor)),
    ];
    if (entries.length > 0)
      await insertLedgerEntries(client, head.rows[0]?.hash ?? ledgerGenesisHash, entries);
    const ripe = takeSample(known, sampledAt, head.rows[0]?.event_sequence ?? '0');
    const eventsRise =
      ripe !== null &&
      BigInt(ripe) > BigInt(eventFloor) &&
      (await eventsSealedUpTo(client, eventFloor, ripe));
    return {
      chained: entries.length,
      nextEventFloor: eventsRise ? ripe : null,
      sealedYears: await sealedRegisterYears(client, bounds),
    };
  });
  // Only once the round committed: a rolled-back round sealed nothing.
  if (round.nextEventFloor !== null) known.eventFloor = round.nextEventFloor;
  for (const year of round.sealedYears)
    known.registerFloors.set(registerYearKey(year.register, year.year), year.lastSeq);
  return round.chained;
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
