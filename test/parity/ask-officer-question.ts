import { createPgPool } from '../../src/platform/database/create-pg-pool.ts';

/**
 * What an officer does to a report before its reporter checks it: a decision deadline and a
 * question, written straight to the tables on an untriaged report, as a question that waited for
 * a closed reply window (never sent to the chat). The round trip through the casework function
 * that the console calls is follow-up-parity.test.ts.
 */
export async function askOfficerQuestion(
  databaseUrl: string,
  registerNumber: string,
  asks: { question: string; decisionDueAt: Date },
): Promise<void> {
  const pool = createPgPool(databaseUrl, 1);
  try {
    const { rows } = await pool.query<{ id: string }>(
      'UPDATE report SET decision_due_at = $2 WHERE register_number = $1 RETURNING id',
      [registerNumber, asks.decisionDueAt],
    );
    if (!rows[0]) throw new Error(`no report ${registerNumber}`);
    await pool.query(
      `INSERT INTO follow_up (id, report_id, direction, text) VALUES (gen_random_uuid(), $1, 'to_reporter', $2)`,
      [rows[0].id, asks.question],
    );
  } finally {
    await pool.end();
  }
}
