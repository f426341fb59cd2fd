import { createPgPool } from '../../src/platform/database/create-pg-pool.ts';

/** What a stored report says, in the columns every channel must fill the same way. */
export async function readParityReport(databaseUrl: string, registerNumber: string) {
  const pool = createPgPool(databaseUrl, 1);
  try {
    const { rows } = await pool.query(
      `SELECT kind::text, category, description, occurred_when, province_code, ward_code, people_text,
              danger_now, ongoing, affected, child_involved, situation, country, last_contact_text,
              help_needed, anonymity::text, language, status::text,
              (SELECT array_agg(text ORDER BY created_at) FROM follow_up f WHERE f.report_id = r.id) AS follow_ups,
              (SELECT count(*)::int FROM outbound_message o WHERE o.report_id = r.id AND o.purpose = 'receipt') AS receipts
       FROM report r WHERE register_number = $1`,
      [registerNumber],
    );
    return rows[0] ?? null;
  } finally {
    await pool.end();
  }
}

/** How many reports the database holds (a wrong input must not add one). */
export async function countReports(databaseUrl: string): Promise<number> {
  const pool = createPgPool(databaseUrl, 1);
  try {
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM report');
    return rows[0]?.n ?? 0;
  } finally {
    await pool.end();
  }
}
