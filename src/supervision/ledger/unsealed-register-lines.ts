import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { registerYearKey } from './ledger-progress.ts';
import {
  type NewLedgerEntry,
  type RegisterSubjectRow,
  registerEntryContent,
  registerSubjectColumns,
} from './ledger-subject-content.ts';

/** A register's year as its counter stood at the round's start, with the floor progress knew. */
export interface RegisterYearBound {
  register: string;
  year: number;
  lastSeq: number;
  floor: number;
}

function boundArrays(bounds: readonly RegisterYearBound[]): unknown[] {
  return [
    bounds.map((b) => b.register),
    bounds.map((b) => b.year),
    bounds.map((b) => b.lastSeq),
    bounds.map((b) => b.floor),
  ];
}

/**
 * Up to `limit` reports with no ledger entry yet, numbered above their year's floor and at most
 * the counter read, in register order, each submitted more than two seconds ago (as for events:
 * an older sibling may still be committing). Every report has its counter row: submission takes
 * its number from it in the same transaction.
 */
export async function readUnsealedRegisterLines(
  client: PgClient,
  limit: number,
  bounds: readonly RegisterYearBound[],
): Promise<NewLedgerEntry[]> {
  if (bounds.length === 0) return [];
  const { rows } = await client.query<RegisterSubjectRow>({
    name: 'ledger-unsealed-register',
    text: `SELECT r.* FROM unnest($2::text[], $3::int[], $4::int[], $5::int[]) AS b(register, year, last_seq, floor)
           CROSS JOIN LATERAL (
             SELECT ${registerSubjectColumns('x')} FROM report x
              WHERE x.register = b.register AND x.register_year = b.year
                AND x.register_seq > b.floor AND x.register_seq <= b.last_seq
                AND x.submitted_at < now() - interval '2 seconds'
                AND NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.kind = 'register' AND l.subject_id = x.id::text)
              ORDER BY x.register_seq LIMIT $1::int
           ) AS r
           ORDER BY r.register, r.register_year, r.register_seq
           LIMIT $1::int`,
    values: [limit, ...boundArrays(bounds)],
  });
  return rows.map((row) => ({
    kind: 'register',
    subjectId: row.id,
    registerNumber: row.register_number,
    at: row.submitted_at,
    content: registerEntryContent(row),
  }));
}

/** The register years whose every report up to the counter read is sealed, this round's included. */
export async function sealedRegisterYears(
  client: PgClient,
  bounds: readonly RegisterYearBound[],
): Promise<RegisterYearBound[]> {
  const rising = bounds.filter((b) => b.lastSeq > b.floor);
  if (rising.length === 0) return [];
  const { rows } = await client.query<{ register: string; year: number }>({
    name: 'ledger-register-sealed',
    text: `SELECT b.register, b.year FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) AS b(register, year, last_seq, floor)
            WHERE NOT EXISTS (
              SELECT 1 FROM report x
               WHERE x.register = b.register AND x.register_year = b.year
                 AND x.register_seq > b.floor AND x.register_seq <= b.last_seq
                 AND NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.kind = 'register' AND l.subject_id = x.id::text))`,
    values: boundArrays(rising),
  });
  const sealed = new Set(rows.map((r) => registerYearKey(r.register, r.year)));
  return rising.filter((b) => sealed.has(registerYearKey(b.register, b.year)));
}
