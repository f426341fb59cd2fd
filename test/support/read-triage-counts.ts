import type { Database } from '../../src/platform/database/create-database-client.ts';

export interface TriageCounts {
  reports: number;
  triaged: number;
  /** `triaged` report events, all reports together: equals `triaged` when nothing ran twice. */
  triagedEvents: number;
  /** Reports with more than one `triaged` event: a duplicated side effect. */
  duplicated: number;
  /** Reports triaged without a `triaged` event, or untriaged with one. */
  inconsistent: number;
}

/** The triage figures a fault test checks, read from PostgreSQL (the truth, not Redis). */
export async function readTriageCounts(db: Database): Promise<TriageCounts> {
  const [row] = await db.$queryRaw<Record<keyof TriageCounts, bigint>[]>`
    WITH events AS (SELECT report_id, count(*) AS n FROM report_event WHERE kind = 'triaged' GROUP BY 1)
    SELECT
      (SELECT count(*) FROM report) AS reports,
      (SELECT count(*) FROM report WHERE triaged_at IS NOT NULL) AS triaged,
      (SELECT coalesce(sum(n), 0) FROM events)::bigint AS "triagedEvents",
      (SELECT count(*) FROM events WHERE n > 1) AS duplicated,
      (SELECT count(*) FROM report r LEFT JOIN events e ON e.report_id = r.id
        WHERE (r.triaged_at IS NULL) <> (e.n IS NULL)) AS inconsistent`;
  if (!row) throw new Error('no counts');
  return {
    reports: Number(row.reports),
    triaged: Number(row.triaged),
    triagedEvents: Number(row.triagedEvents),
    duplicated: Number(row.duplicated),
    inconsistent: Number(row.inconsistent),
  };
}

/** The counts once `reports` reports are each triaged exactly once: what a fault test ends with. */
export function everyReportTriagedOnce(reports: number): TriageCounts {
  return { reports, triaged: reports, triagedEvents: reports, duplicated: 0, inconsistent: 0 };
}
