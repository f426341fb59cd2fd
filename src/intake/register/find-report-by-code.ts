import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import { receiptCodeKey } from './receipt-code-key.ts';

export interface LookupLimits {
  maxFailures: number;
  windowMinutes: number;
}

export type CodeLookup =
  | { kind: 'found'; report: { id: string; registerNumber: string } }
  | { kind: 'not_found' }
  | { kind: 'limited'; retryAfterMinutes: number };

/**
 * Finds a report by receipt code for one reporter, counting every attempt. After `maxFailures`
 * wrong codes within the window, further attempts are refused without looking, so even the right
 * code does not answer a guesser until the window has passed.
 */
export async function findReportByCode(
  tx: PgClient,
  protection: IdentityProtection,
  input: { reporterId: string; canonicalCode: string; now: Date; limits: LookupLimits },
): Promise<CodeLookup> {
  const since = new Date(input.now.getTime() - input.limits.windowMinutes * 60_000);
  const { rows } = await tx.query<{ failures: number; id: string | null; register_number: string | null }>(
    `SELECT (SELECT count(*)::int FROM status_lookup_attempt
             WHERE reporter_id = $1 AND NOT succeeded AND at > $2) AS failures,
            r.id, r.register_number
     FROM (SELECT 1) AS one LEFT JOIN report r ON r.receipt_code_hash = $3`,
    [input.reporterId, since, receiptCodeKey(protection, input.canonicalCode)],
  );
  const row = rows[0];
  if (!row) throw new Error('code look-up returned no row');
  if (row.failures >= input.limits.maxFailures)
    return { kind: 'limited', retryAfterMinutes: input.limits.windowMinutes };
  const found = row.id !== null && row.register_number !== null;
  await tx.query('INSERT INTO status_lookup_attempt (reporter_id, succeeded, at) VALUES ($1, $2, $3)', [
    input.reporterId,
    found,
    input.now,
  ]);
  return found && row.id && row.register_number
    ? { kind: 'found', report: { id: row.id, registerNumber: row.register_number } }
    : { kind: 'not_found' };
}
