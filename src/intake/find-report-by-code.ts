import type { Transaction } from '../database/create-database-client.ts';
import type { IdentityProtection } from '../identity/identity-protection.ts';
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
  tx: Transaction,
  protection: IdentityProtection,
  input: { reporterId: string; canonicalCode: string; now: Date; limits: LookupLimits },
): Promise<CodeLookup> {
  const since = new Date(input.now.getTime() - input.limits.windowMinutes * 60_000);
  const failures = await tx.statusLookupAttempt.count({
    where: { reporterId: input.reporterId, succeeded: false, at: { gt: since } },
  });
  if (failures >= input.limits.maxFailures)
    return { kind: 'limited', retryAfterMinutes: input.limits.windowMinutes };
  const report = await tx.report.findUnique({
    where: { receiptCodeHash: receiptCodeKey(protection, input.canonicalCode) },
    select: { id: true, registerNumber: true },
  });
  await tx.statusLookupAttempt.create({
    data: { reporterId: input.reporterId, succeeded: report !== null, at: input.now },
  });
  return report ? { kind: 'found', report } : { kind: 'not_found' };
}
