import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import {
  type EventSubjectRow,
  eventEntryContent,
  eventSubjectColumns,
  type NewLedgerEntry,
} from './ledger-subject-content.ts';

/**
 * Up to `limit` status events above `floor` with no ledger entry yet, in id order, each older than
 * two seconds: one younger may have a sibling with a lower id still in an open transaction, and
 * waiting lets the sibling be sealed first. One that commits later still is sealed by a later
 * round ("not yet chained" is looked up in the ledger, not read from a position), only out of order.
 */
export async function readUnsealedEvents(
  client: PgClient,
  limit: number,
  floor: string,
): Promise<NewLedgerEntry[]> {
  const { rows } = await client.query<EventSubjectRow>({
    name: 'ledger-unsealed-events',
    text: `SELECT ${eventSubjectColumns('e')}
             FROM report_event e
            WHERE e.id > $2::bigint AND e.at < now() - interval '2 seconds'
              AND NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.kind = 'event' AND l.subject_id = e.id::text)
            ORDER BY e.id
            LIMIT $1::int`,
    values: [limit, floor],
  });
  return rows.map((row) => ({
    kind: 'event',
    subjectId: row.id,
    registerNumber: null,
    at: row.at,
    content: eventEntryContent(row),
  }));
}

/** Whether every event with an id in (from, to] is sealed, this round's entries included. */
export async function eventsSealedUpTo(client: PgClient, from: string, to: string): Promise<boolean> {
  const { rows } = await client.query<{ sealed: boolean }>({
    name: 'ledger-events-sealed',
    text: `SELECT NOT EXISTS (
             SELECT 1 FROM report_event e
              WHERE e.id > $1::bigint AND e.id <= $2::bigint
                AND NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.kind = 'event' AND l.subject_id = e.id::text)
           ) AS sealed`,
    values: [from, to],
  });
  return rows[0]?.sealed === true;
}
