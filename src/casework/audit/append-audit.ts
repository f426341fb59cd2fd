import type pg from 'pg';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { sqlParameters } from '../../platform/database/sql-parameters.ts';
import { auditEntryHash, auditGenesisHash } from './audit-entry-hash.ts';
import { canonicalJson, type JsonValue } from './canonical-json.ts';
import { canonicalUuid } from './canonical-uuid.ts';

/** What an audited read or change records: who, from which session, what, on which report. */
export interface AuditEntryInput {
  /** Null only for what no officer did (a command, a job). */
  officerId: string | null;
  sessionId: string | null;
  /** What was done, a stable dotted name such as `report.read` or `identity.reveal`. */
  action: string;
  reportId?: string | null;
  /**
   * Ids and field names only (`{ fields: ['status'], noteId }`): never tip text, answers, names,
   * phone numbers or any other identity. The audit log is kept for ever and read by admins, and
   * the chain forbids removing a row later. Must survive `jsonb` as written (see canonicalJson).
   */
  detail?: { [key: string]: JsonValue } | null;
}

export interface AppendedAuditEntry {
  /** A decimal string: ids are 1, 2, 3… in chain order, without gaps. */
  id: string;
  at: Date;
  hash: Buffer;
}

// The single bigint key space of advisory locks; beside the outbox reconciler's 728_201.
const auditAppendLockKey = 728_202;

// One round trip, two statements: under READ COMMITTED the SELECT takes its snapshot after the
// lock is granted, so it sees the row the previous holder committed (one statement would not).
const lockThenReadHead = `SELECT pg_advisory_xact_lock(${auditAppendLockKey});
SELECT last.id, last.hash, date_trunc('milliseconds', clock_timestamp()) AS at
  FROM (VALUES (1)) AS one
  LEFT JOIN LATERAL (SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1) AS last ON true`;

interface HeadRow {
  id: string | null;
  hash: Buffer | null;
  at: Date;
}

/**
 * Appends one row to the hash-chained audit log inside the caller's transaction (`client` is the
 * connection that transaction runs on, READ COMMITTED), so the row commits or rolls back with the
 * read or change it records.
 *
 * Appends are serialised by a transaction-scoped advisory lock, under which the last row's id and
 * hash are read: the new row's id is that id + 1, not the table's bigserial sequence, because a
 * sequence value is not returned on rollback and the burnt id would look like a deleted row to
 * the verifier. Nothing else may insert into `audit_entry`. `at` is the database clock under the
 * lock, so times rise along the chain.
 *
 * Cost: one appender at a time in the whole database, and the lock is held until the caller's
 * transaction ends. Call this as the transaction's last statement before COMMIT: audited
 * transactions then queue only for their append and commit, and a holder never waits for another
 * lock (no deadlock). Under REPEATABLE READ or SERIALIZABLE an old snapshot would reuse the last
 * id: the insert then fails on the primary key, it never forks the chain.
 * @example
 * await inTransaction(pool, {}, async (client) => {
 *   await client.query('UPDATE report SET … WHERE id = $1', [reportId]);
 *   await appendAudit(client, { officerId, sessionId, action: 'report.assign', reportId, detail: { assigneeId } });
 * });
 */
export async function appendAudit(client: PgClient, entry: AuditEntryInput): Promise<AppendedAuditEntry> {
  const officerId = entry.officerId === null ? null : canonicalUuid(entry.officerId);
  const reportId = entry.reportId == null ? null : canonicalUuid(entry.reportId);
  const detail = entry.detail ?? null;
  const detailText = detail === null ? null : canonicalJson(detail);
  const [, headResult] = (await client.query(lockThenReadHead)) as unknown as [
    pg.QueryResult,
    pg.QueryResult<HeadRow>,
  ];
  const head = headResult.rows[0];
  if (head === undefined) throw new Error('audit head query returned no row');
  const prevHash = head.hash ?? auditGenesisHash;
  const fields = {
    id: (BigInt(head.id ?? '0') + 1n).toString(),
    at: head.at,
    officerId,
    sessionId: entry.sessionId,
    action: entry.action,
    reportId,
    detail,
  };
  const hash = auditEntryHash(prevHash, fields);
  const p = sqlParameters();
  await client.query({
    name: 'append-audit-entry',
    text: `INSERT INTO audit_entry (id, at, officer_id, session_id, action, report_id, detail, prev_hash, hash)
           VALUES (${p.bind(fields.id, 'bigint')}, ${p.bind(fields.at, 'timestamptz')},
                   ${p.bind(fields.officerId, 'uuid')}, ${p.bind(fields.sessionId, 'text')},
                   ${p.bind(fields.action, 'text')}, ${p.bind(fields.reportId, 'uuid')},
                   ${p.bind(detailText, 'jsonb')}, ${p.bind(prevHash, 'bytea')}, ${p.bind(hash, 'bytea')})`,
    values: p.values,
  });
  return { id: fields.id, at: fields.at, hash };
}
