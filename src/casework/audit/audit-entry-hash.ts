import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json.ts';

/** The `prev_hash` of the first row: 32 zero bytes. */
export const auditGenesisHash: Buffer = Buffer.alloc(32);

/** The fields of an audit row that its hash covers (everything but the two hashes). */
export interface AuditEntryFields {
  /** The row's id, a decimal string (a bigint column). */
  id: string;
  /** Milliseconds are kept: the column is `timestamptz(3)`. */
  at: Date;
  officerId: string | null;
  sessionId: string | null;
  action: string;
  reportId: string | null;
  detail: JsonValue | null;
}

/**
 * SHA-256 of `prevHash` followed by the UTF-8 canonical JSON of the row's fields, with the id as
 * a decimal string and `at` as ISO-8601 UTC with milliseconds. Appending and verifying both hash
 * through this, so they cannot disagree on the form.
 * @example
 * auditEntryHash(auditGenesisHash, { id: '1', at, officerId, sessionId, action: 'report.read', reportId, detail: null })
 * // SHA-256(32 zero bytes ‖ '{"action":"report.read","at":"2026-12-07T04:00:00.000Z","detail":null,"id":"1",…}')
 */
export function auditEntryHash(prevHash: Buffer, fields: AuditEntryFields): Buffer {
  const canonical = canonicalJson({
    id: fields.id,
    at: fields.at.toISOString(),
    officerId: fields.officerId,
    sessionId: fields.sessionId,
    action: fields.action,
    reportId: fields.reportId,
    detail: fields.detail,
  });
  return createHash('sha256').update(prevHash).update(canonical, 'utf8').digest();
}
