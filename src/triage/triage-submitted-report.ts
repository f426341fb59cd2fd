import type { PgPool } from '../database/create-pg-pool.ts';
import { computeReportDeadlines } from '../deadlines/compute-report-deadlines.ts';
import type { DeadlineRule } from '../deadlines/load-deadline-rules.ts';
import type { VietnamCalendar } from '../deadlines/vietnam-calendar.ts';
import { assessPriority } from './assess-priority.ts';
import type { TriageRules } from './load-triage-rules.ts';
import { routeReport } from './route-report.ts';
import type { TriageReport } from './triage-report.ts';

export interface TriageSettings {
  rules: TriageRules;
  deadlineRules: readonly DeadlineRule[];
  calendar: VietnamCalendar;
  defaultProvinceCode: string;
}

export type TriageOutcome =
  | { outcome: 'triaged' /** From submission to this triage, for the lag metric. */; lagSeconds: number }
  | { outcome: 'already_triaged' | 'no_such_report' };

interface ReportRow {
  kind: TriageReport['kind'];
  category: string;
  description: string;
  amendments: string[];
  people_text: string | null;
  danger_now: boolean;
  ongoing: boolean;
  child_involved: string | null;
  situation: string | null;
  help_needed: string[];
  province_code: string | null;
  ward_code: string | null;
  latitude: number | null;
  longitude: number | null;
  country: string | null;
  submitted_at: Date;
  triaged: boolean;
}

/**
 * Classifies, prioritises, routes and gives deadlines to one submitted report. Idempotent: the
 * update only applies to a report not yet triaged, and the `triaged` event is written by the same
 * statement, so running the job twice (a stalled job re-run, a reconciler re-add) changes nothing
 * the second time. Two statements on plain SQL: it runs once for every report, under load too.
 */
export async function triageSubmittedReport(
  pool: PgPool,
  settings: TriageSettings,
  reportId: string,
  now: Date = new Date(),
): Promise<TriageOutcome> {
  const { rows } = await pool.query<ReportRow>({
    name: 'triage-read',
    text: `SELECT kind::text, category, description, amendments, people_text, danger_now, ongoing, child_involved,
             situation, help_needed, province_code, ward_code, latitude, longitude, country, submitted_at,
             triaged_at IS NOT NULL AS triaged
           FROM report WHERE id = $1`,
    values: [reportId],
  });
  const row = rows[0];
  if (!row) return { outcome: 'no_such_report' };
  if (row.triaged) return { outcome: 'already_triaged' };
  const report: TriageReport = {
    kind: row.kind,
    category: row.category,
    description: row.description,
    amendments: row.amendments,
    peopleText: row.people_text,
    dangerNow: row.danger_now,
    ongoing: row.ongoing,
    childInvolved: row.child_involved,
    situation: row.situation,
    helpNeeded: row.help_needed,
    provinceCode: row.province_code,
    wardCode: row.ward_code,
    latitude: row.latitude,
    longitude: row.longitude,
    country: row.country,
  };

  const priority = assessPriority(report, settings.rules.priority);
  const routing = routeReport(report, settings.rules.routing, {
    defaultProvinceCode: settings.defaultProvinceCode,
  });
  const deadlines = computeReportDeadlines(
    { submittedAt: row.submitted_at, kind: row.kind },
    settings.deadlineRules,
    settings.calendar,
  );
  const hits = priority.hits.map((hit) => ({ ...hit }));
  const detail = {
    priority: priority.priority,
    hits,
    unitId: routing.unitId,
    routingReason: routing.reason,
    deadlines: deadlines.deadlines.map((d) => ({
      ruleId: d.ruleId,
      dueAt: d.dueAt.toISOString(),
      basis: d.basis,
    })),
  };
  // A trafficking report starts its victim track (initial verification) when it is triaged.
  const written = await pool.query({
    name: 'triage-write',
    text: `WITH updated AS (
             UPDATE report SET triaged_at = $2, priority = $3, priority_hits = $4::jsonb, unit_id = $5,
               routing_reason = $6, classify_due_at = $7, receipt_notice_due_at = $8, decision_due_at = $9,
               victim_verification_due_at = $10,
               victim_track_status = CASE WHEN kind = 'trafficking' AND victim_track_status = 'none'
                 THEN 'victim_verification'::"VictimTrackStatus" ELSE victim_track_status END,
               victim_verification_at = CASE WHEN kind = 'trafficking' AND victim_track_status = 'none'
                 THEN $2 ELSE victim_verification_at END
             WHERE id = $1 AND triaged_at IS NULL
             RETURNING id
           )
           INSERT INTO report_event (report_id, kind, actor, at, detail)
           SELECT id, 'triaged', 'system', $2, $11::jsonb FROM updated`,
    values: [
      reportId,
      now,
      priority.priority,
      JSON.stringify(hits),
      routing.unitId,
      routing.reason,
      deadlines.classifyDueAt,
      deadlines.receiptNoticeDueAt,
      deadlines.decisionDueAt,
      deadlines.victimVerificationDueAt,
      JSON.stringify(detail),
    ],
  });
  if (written.rowCount === 0) return { outcome: 'already_triaged' };
  return { outcome: 'triaged', lagSeconds: (now.getTime() - row.submitted_at.getTime()) / 1000 };
}
