import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { sqlParameters } from '../../platform/database/sql-parameters.ts';
import { unnestColumns } from '../../platform/database/unnest-columns.ts';
import { ledgerEntryHash } from './ledger-entry-hash.ts';
import type { NewLedgerEntry } from './ledger-subject-content.ts';

/**
 * Chains `entries` after `head` in their order, in one statement. Ids are taken from the sequence
 * and given in chain order, so `id` order is chain order (a rolled-back round burns ids: the
 * verifier follows `prev_hash`, not a gapless id). Call it under the append lock only.
 */
export async function insertLedgerEntries(
  client: PgClient,
  head: Buffer,
  entries: readonly NewLedgerEntry[],
): Promise<void> {
  const { rows } = await client.query<{ id: string }>({
    name: 'ledger-take-ids',
    text: `SELECT nextval(pg_get_serial_sequence('ledger_entry', 'id'))::text AS id FROM generate_series(1, $1::int)`,
    values: [entries.length],
  });
  // The sequence hands out rising values, but a set's row order is not promised: sort them.
  const ids = rows.map((row) => BigInt(row.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const prevHashes: Buffer[] = [];
  const hashes: Buffer[] = [];
  let prev = head;
  for (const entry of entries) {
    const hash = ledgerEntryHash(prev, entry.content);
    prevHashes.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  const p = sqlParameters();
  const columns = unnestColumns(p, [
    { name: 'id', type: 'bigint[]', values: ids.map(String) },
    { name: 'kind', type: 'text[]', values: entries.map((e) => e.kind) },
    { name: 'subject_id', type: 'text[]', values: entries.map((e) => e.subjectId) },
    { name: 'register_number', type: 'text[]', values: entries.map((e) => e.registerNumber) },
    { name: 'prev_hash', type: 'bytea[]', values: prevHashes },
    { name: 'hash', type: 'bytea[]', values: hashes },
    { name: 'at', type: 'timestamptz[]', values: entries.map((e) => e.at) },
  ]);
  await client.query({
    name: 'ledger-insert-entries',
    text: `INSERT INTO ledger_entry (${columns.names})
           SELECT ${columns.selects} FROM unnest(${columns.parameters}) AS t(${columns.names})`,
    values: p.values,
  });
}
