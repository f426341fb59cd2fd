import { createPgPool } from '../../src/platform/database/create-pg-pool.ts';

/** The thread between a report's unit and its reporter as stored, and whether the queue marks it. */
export interface FollowUpThread {
  followUps: { direction: string; text: string | null; answered: boolean; notified: boolean }[];
  newInformation: boolean;
}

export async function readFollowUpThread(
  databaseUrl: string,
  registerNumber: string,
): Promise<FollowUpThread> {
  const pool = createPgPool(databaseUrl, 1);
  try {
    const { rows } = await pool.query<FollowUpThread>(
      `SELECT r.new_information_at IS NOT NULL AS "newInformation",
              coalesce((SELECT json_agg(json_build_object(
                          'direction', f.direction::text, 'text', f.text,
                          'answered', f.answered_at IS NOT NULL, 'notified', f.notified_at IS NOT NULL)
                        ORDER BY f.created_at, f.id)
                        FROM follow_up f WHERE f.report_id = r.id), '[]') AS "followUps"
         FROM report r WHERE r.register_number = $1`,
      [registerNumber],
    );
    const thread = rows[0];
    if (!thread) throw new Error(`no report ${registerNumber}`);
    return thread;
  } finally {
    await pool.end();
  }
}
