import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import { normalizeReceiptCode } from '../../platform/vocabulary/receipt-code.ts';

/**
 * The stored form of a receipt code: a keyed hash, so neither a database reader nor someone with
 * a dump and much computing power can learn or test codes.
 */
export function receiptCodeKey(protection: IdentityProtection, code: string): string {
  const canonical = normalizeReceiptCode(code);
  if (canonical === null) throw new RangeError('not a receipt code');
  return protection.hasher.hash('receipt', canonical);
}
