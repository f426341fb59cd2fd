import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import type { LedgerProblem } from './ledger-problem.ts';

/**
 * The first missing number of any register's year, counting every report, chained or not. Numbers
 * run from 1 to the register counter (which a submission raises in its own transaction, so it
 * never runs ahead of the committed reports) or to the highest number present, whichever is more:
 * deleting the year's last report leaves a gap too.
 */
export async function findRegisterGap(
  client: PgClient,
): Promise<Extract<LedgerProblem, { kind: 'register_gap' }> | null> {
  const { rows } = await client.query<{ register: string; year: number; seq: number }>({
    name: 'ledger-register-gap',
    text: `WITH bounds AS (
             SELECT register, year, max(last) AS last FROM (
               SELECT register, year, last_seq AS last FROM register_counter
               UNION ALL
               SELECT register, register_year, max(register_seq) FROM report GROUP BY register, register_year
             ) AS b GROUP BY register, year
           )
           SELECT b.register, b.year, s.seq
             FROM bounds b CROSS JOIN LATERAL generate_series(1, b.last) AS s(seq)
            WHERE NOT EXISTS (SELECT 1 FROM report r
                               WHERE r.register = b.register AND r.register_year = b.year AND r.register_seq = s.seq)
            ORDER BY b.register, b.year, s.seq
            LIMIT 1`,
  });
  const gap = rows[0];
  return gap ? { kind: 'register_gap', register: gap.register, year: gap.year, seq: gap.seq } : null;
}
