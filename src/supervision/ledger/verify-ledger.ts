import type { JsonValue } from '../../casework/audit/canonical-json.ts';
import { inTransaction, type PgClient, type PgPool } from '../../platform/database/create-pg-pool.ts';
import { type DailyChainHead, dailyChainHeads } from './daily-chain-heads.ts';
import { findRegisterGap } from './find-register-gap.ts';
import { ledgerEntryHash, ledgerGenesisHash } from './ledger-entry-hash.ts';
import type { LedgerProblem, LedgerSubject } from './ledger-problem.ts';
import { eventEntryContent, registerEntryContent } from './ledger-subject-content.ts';

export interface LedgerVerdict {
  /** Null when every entry and the register are intact. */
  problem: LedgerProblem | null;
  entries: number;
  /** Hex hash of the last entry (32 zero bytes for an empty ledger). */
  lastHash: string;
  /** Every day with an entry, oldest first, from the stored hashes. */
  heads: DailyChainHead[];
}

/** A ledger row beside its subject's current row: `s_*` columns are null when the subject is gone. */
interface WalkRow {
  id: string;
  kind: string;
  subject_id: string;
  register_number: string | null;
  prev_hash: Buffer;
  hash: Buffer;
  at: Date;
  s_id: string | null;
  s_register: string | null;
  s_register_number: string | null;
  s_register_year: number | null;
  s_register_seq: number | null;
  s_report_id: string | null;
  s_kind: string | null;
  s_channel: string | null;
  s_from_status: string | null;
  s_to_status: string | null;
  s_actor: string | null;
  s_at: Date | null;
  s_detail: JsonValue | null;
}

const batchSize = 1000;
const uuidText = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

// The subject is found by the id the entry names. An id that is not one (an edited entry) finds
// nothing rather than failing the cast.
const walkBatch = `SELECT l.id, l.kind, l.subject_id, l.register_number, l.prev_hash, l.hash, l.at,
       COALESCE(r.id::text, e.id::text) AS s_id, r.register AS s_register,
       r.register_number AS s_register_number, r.register_year AS s_register_year,
       r.register_seq AS s_register_seq, e.report_id AS s_report_id, COALESCE(r.kind::text, e.kind) AS s_kind,
       r.channel AS s_channel, e.from_status AS s_from_status, e.to_status AS s_to_status, e.actor AS s_actor,
       COALESCE(r.submitted_at, e.at) AS s_at, e.detail AS s_detail
  FROM ledger_entry l
  LEFT JOIN report r ON l.kind = 'register'
       AND r.id = (CASE WHEN l.subject_id ~ ${uuidText} THEN l.subject_id::uuid END)
  LEFT JOIN report_event e ON l.kind = 'event'
       AND e.id = (CASE WHEN l.subject_id ~ '^[0-9]{1,18}$' THEN l.subject_id::bigint END)
 WHERE l.id > $1::bigint ORDER BY l.id LIMIT $2::int`;

/**
 * Walks the ledger in chain order recomputing each entry's hash from the report or event as it
 * is now, then checks the register for missing numbers, all in one snapshot; returns the first
 * problem (see LedgerProblem) with the count, the last hash and the daily heads.
 *
 * An entry whose recomputed hash differs is a changed subject, unless the next entry's
 * `prev_hash` is the recomputed hash: then the entry's own hash was rewritten. Removing entries
 * from the end leaves a valid shorter chain: compare the daily heads with ones recorded elsewhere.
 * `signal` abandons the walk between two batches (it throws the signal's reason).
 * @example const verdict = await verifyLedger(pool); if (verdict.problem) alert(verdict.problem);
 */
export async function verifyLedger(pool: PgPool, signal?: AbortSignal): Promise<LedgerVerdict> {
  return inTransaction(pool, {}, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const heads = dailyChainHeads();
    let problem: LedgerProblem | null = null;
    let prev = ledgerGenesisHash;
    let entries = 0;
    let after = '0';
    for (;;) {
      // A stopping worker should not wait minutes for the end of a long chain.
      signal?.throwIfAborted();
      const { rows } = await client.query<WalkRow>({
        name: 'ledger-verify-batch',
        text: walkBatch,
        values: [after, batchSize],
      });
      for (const row of rows) {
        problem ??= await checkEntry(client, row, prev);
        heads.add(row.at, row.hash);
        prev = row.hash;
        entries += 1;
      }
      const last = rows.at(-1);
      if (rows.length < batchSize || !last) break;
      after = last.id;
    }
    problem ??= await findRegisterGap(client);
    return { problem, entries, lastHash: prev.toString('hex'), heads: heads.list() };
  });
}

async function checkEntry(client: PgClient, row: WalkRow, prev: Buffer): Promise<LedgerProblem | null> {
  if (!row.prev_hash.equals(prev)) return { kind: 'ledger_link_broken', entryId: row.id };
  if (row.kind !== 'register' && row.kind !== 'event') return { kind: 'ledger_row_changed', entryId: row.id };
  const subject: LedgerSubject =
    row.kind === 'register'
      ? { kind: 'register', registerNumber: row.register_number ?? row.subject_id }
      : { kind: 'event', eventId: row.subject_id };
  const content = contentOf(row);
  if (content === null) return { kind: 'subject_deleted', entryId: row.id, subject };
  const hash = ledgerEntryHash(prev, content);
  if (!hash.equals(row.hash)) {
    const next = await client.query<{ prev_hash: Buffer }>({
      name: 'ledger-verify-next',
      text: 'SELECT prev_hash FROM ledger_entry WHERE id > $1::bigint ORDER BY id LIMIT 1',
      values: [row.id],
    });
    const rewritten = next.rows[0]?.prev_hash.equals(hash) ?? false;
    return rewritten
      ? { kind: 'ledger_row_changed', entryId: row.id }
      : { kind: 'subject_changed', entryId: row.id, subject };
  }
  // The hash holds: the copies the entry keeps beside it must still match the subject.
  const numberKept =
    row.kind === 'event' ? row.register_number === null : row.register_number === row.s_register_number;
  if (!numberKept || row.at.getTime() !== row.s_at?.getTime())
    return { kind: 'ledger_row_changed', entryId: row.id };
  return null;
}

/** The content the entry sealed, rebuilt from the subject's current row; null when it is gone. */
function contentOf(row: WalkRow): JsonValue | null {
  if (row.s_id === null || row.s_kind === null || row.s_at === null) return null;
  if (row.kind === 'register') {
    if (row.s_register === null || row.s_register_number === null || row.s_channel === null) return null;
    if (row.s_register_year === null || row.s_register_seq === null) return null;
    return registerEntryContent({
      id: row.s_id,
      register: row.s_register,
      register_number: row.s_register_number,
      register_year: row.s_register_year,
      register_seq: row.s_register_seq,
      submitted_at: row.s_at,
      kind: row.s_kind,
      channel: row.s_channel,
    });
  }
  if (row.s_report_id === null || row.s_actor === null) return null;
  return eventEntryContent({
    id: row.s_id,
    report_id: row.s_report_id,
    kind: row.s_kind,
    from_status: row.s_from_status,
    to_status: row.s_to_status,
    actor: row.s_actor,
    at: row.s_at,
    detail: row.s_detail,
  });
}
