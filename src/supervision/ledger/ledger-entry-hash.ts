import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../../casework/audit/canonical-json.ts';

/** The `prev_hash` of the first ledger entry: 32 zero bytes. */
export const ledgerGenesisHash: Buffer = Buffer.alloc(32);

/**
 * SHA-256 of `prevHash` followed by the UTF-8 canonical JSON of what the entry seals (see
 * ledger-subject-content.ts). Chaining and verifying both hash through this, so they cannot
 * disagree on the form.
 * @example ledgerEntryHash(ledgerGenesisHash, registerEntryContent(row)) // 32 bytes
 */
export function ledgerEntryHash(prevHash: Buffer, content: JsonValue): Buffer {
  return createHash('sha256').update(prevHash).update(canonicalJson(content), 'utf8').digest();
}
