import type { PgClient } from '../database/create-pg-pool.ts';

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
  tx: PgClient,
  register: string,
  year: number,
): Promise<RegisterEntry> {
  const { rows } = await tx.query<{ last_seq: number }>(
    `INSERT INTO register_counter (register, year, last_seq) VALUES ($1, $2, 1)
     ON CONFLICT (register, year) DO UPDATE SET last_seq = register_counter.last_seq + 1
     RETURNING last_seq`,
    [register, year],
  );
  const seq = rows[0]?.last_seq;
  if (seq === undefined) throw new Error('register counter returned no row');
  return { register, year, seq, number: `${register}-${year}-${String(seq).padStart(6, '0')}` };
}
