import { createPgPool } from '../../src/platform/database/create-pg-pool.ts';

/** What a stored report says, in the columns every channel must fill the same way. */
export async function readParityReport(databaseUrl: string, registerNumber: string) {
  const pool = createPgPool(databaseUrl, 1);
  try {
    const { rows } = await pool.query(
      `SELECT kind::text, category, description, amendments, occurred_when, occurred_text, province_code,
              ward_code, latitude, longitude, people_text, danger_now, ongoing, affected, child_involved,
              situation, country, last_contact_text, help_needed, anonymity::text, language, status::text,
              EXISTS (SELECT 1 FROM report_contact c WHERE c.report_id = r.id) AS has_contact,
              (SELECT array_agg(a.kind || CASE WHEN a.follow_up_id IS NULL THEN '' ELSE ' (follow-up)' END
                                ORDER BY a.created_at)
               FROM attachment a WHERE a.report_id = r.id) AS attachments,
              (SELECT array_agg(f.direction::text || CASE WHEN f.answered_at IS NULL THEN '' ELSE ' (answered)' END
                                || ': ' || coalesce(f.text, '') ORDER BY f.created_at)
               FROM follow_up f WHERE f.report_id = r.id) AS follow_ups,
              (SELECT array_agg(e.to_status::text ORDER BY e.id) FROM report_event e WHERE e.report_id = r.id) AS events,
              (SELECT array_agg(o.topic ORDER BY o.id) FROM outbox o WHERE o.aggregate_id = r.id::text) AS outbox,
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
