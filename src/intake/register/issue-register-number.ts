import type { PgClient } from '../../platform/database/create-pg-pool.ts';

export interface RegisterEntry {
  register: string;
  year: number;
  seq: number;
  number: string;
}

/**
 * Takes the next `count` numbers of the receipt register (sổ tiếp nhận) inside the submitting
 * transaction, in one statement. The counter row stays locked until commit, and a rollback
 * returns the numbers, so numbers have no gaps: a missing number can only mean a deleted tip.
 * Callers take the numbers as late in their transaction as they can: every other submitter waits
 * for the commit.
 */
export async function issueRegisterNumbers(
  tx: PgClient,
  register: string,
  year: number,
  count: number,
): Promise<RegisterEntry[]> {
  if (count < 1) return [];
  const { rows } = await tx.query<{ last_seq: number }>({
    name: 'register-numbers',
    text: `INSERT INTO register_counter (register, year, last_seq) VALUES ($1, $2, $3)
           ON CONFLICT (register, year) DO UPDATE SET last_seq = register_counter.last_seq + EXCLUDED.last_seq
           RETURNING last_seq`,
    values: [register, year, count],
  });
  const last = rows[0]?.last_seq;
  if (last === undefined) throw new Error('register counter returned no row');
  return Array.from({ length: count }, (_, i) => {
    const seq = last - count + 1 + i;
    return { register, year, seq, number: `${register}-${year}-${String(seq).padStart(6, '0')}` };
  });
}

/** One number of the register (see `issueRegisterNumbers`). */
export async function issueRegisterNumber(
  tx: PgClient,
  register: string,
  year: number,
): Promise<RegisterEntry> {
  const [entry] = await issueRegisterNumbers(tx, register, year, 1);
  if (!entry) throw new Error('register counter returned no number');
  return entry;
}
