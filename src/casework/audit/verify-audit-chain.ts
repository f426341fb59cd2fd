import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { auditEntryHash, auditGenesisHash } from './audit-entry-hash.ts';
import type { JsonValue } from './canonical-json.ts';

/**
 * Why a row breaks the chain: its stored hash is not the hash of its fields (`hash_mismatch`), its
 * `prev_hash` is not the hash of the row before (`prev_mismatch`), or the id is absent although a
 * later row exists (`missing_row`).
 */
export type AuditChainBreak = 'hash_mismatch' | 'prev_mismatch' | 'missing_row';

export type AuditChainVerdict =
  /** `head` is the last row's hash in hex (32 zero bytes for an empty log). */
  | { ok: true; rows: number; head: string }
  /** `rows` counts the rows found intact before `firstBroken`. */
  | { ok: false; firstBroken: { id: string; reason: AuditChainBreak }; rows: number };

interface AuditRow {
  id: string;
  at: Date;
  officer_id: string | null;
  session_id: string | null;
  action: string;
  report_id: string | null;
  detail: JsonValue | null;
  prev_hash: Buffer;
  hash: Buffer;
}

// Below every id, so a row slipped in under id 1 is read (and breaks the chain) too.
const smallestBigint = -(2n ** 63n);

/**
 * Reads the whole audit log in id order, `batchSize` rows per query (memory stays flat), and
 * checks that ids run 1, 2, 3… without a gap, that each `prev_hash` is the hash of the row before
 * (32 zero bytes for row 1) and that each hash is the hash of its row. Stops at the first broken
 * row. A row with an id below 1 does not follow anything: `prev_mismatch` at that id.
 *
 * Rows appended while it runs are checked as well (appends commit in id order, so a reader never
 * sees a gap that is not one). Removing rows from the end leaves a valid shorter chain: compare
 * `head` with a head recorded earlier to see that.
 * @example
 * const verdict = await verifyAuditChain(pool, { batchSize: 1000 });
 * if (!verdict.ok) console.log(verdict.firstBroken); // { id: '42', reason: 'hash_mismatch' }
 */
export async function verifyAuditChain(
  pool: PgPool,
  options: { batchSize: number },
): Promise<AuditChainVerdict> {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new RangeError('batchSize must be a positive integer');
  }
  let expectedId = 1n;
  let prevHash = auditGenesisHash;
  let rows = 0;
  let from = smallestBigint;
  for (;;) {
    const batch = await pool.query<AuditRow>({
      name: 'verify-audit-chain-batch',
      text: `SELECT id, at, officer_id, session_id, action, report_id, detail, prev_hash, hash
               FROM audit_entry WHERE id >= $1::bigint ORDER BY id LIMIT $2::int`,
      values: [from.toString(), options.batchSize],
    });
    for (const row of batch.rows) {
      const id = BigInt(row.id);
      if (id > expectedId) return broken(expectedId.toString(), 'missing_row', rows);
      if (id < expectedId || !row.prev_hash.equals(prevHash)) return broken(row.id, 'prev_mismatch', rows);
      const hash = auditEntryHash(prevHash, {
        id: row.id,
        at: row.at,
        officerId: row.officer_id,
        sessionId: row.session_id,
        action: row.action,
        reportId: row.report_id,
        detail: row.detail,
      });
      if (!hash.equals(row.hash)) return broken(row.id, 'hash_mismatch', rows);
      prevHash = row.hash;
      expectedId += 1n;
      rows += 1;
    }
    if (batch.rows.length < options.batchSize) return { ok: true, rows, head: prevHash.toString('hex') };
    from = expectedId;
  }
}

function broken(id: string, reason: AuditChainBreak, rows: number): AuditChainVerdict {
  return { ok: false, firstBroken: { id, reason }, rows };
}
