import type { Transaction } from '../database/create-database-client.ts';

export interface RegisterEntry {
  register: string;
  year: number;
  seq: number;
  number: string;
}

/**
 * Takes the next number of the receipt register (sổ tiếp nhận) inside the submitting transaction.
 * The counter row stays locked until commit, and a rollback returns the number, so numbers have
 * no gaps: a missing number can only mean a deleted tip.
 */
export async function issueRegisterNumber(
  tx: Transaction,
  register: string,
  year: number,
): Promise<RegisterEntry> {
  const [row] = await tx.$queryRaw<{ last_seq: number }[]>`
    INSERT INTO register_counter (register, year, last_seq) VALUES (${register}, ${year}, 1)
    ON CONFLICT (register, year) DO UPDATE SET last_seq = register_counter.last_seq + 1
    RETURNING last_seq`;
  if (!row) throw new Error('register counter returned no row');
  const seq = row.last_seq;
  return { register, year, seq, number: `${register}-${year}-${String(seq).padStart(6, '0')}` };
}
