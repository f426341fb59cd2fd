import type { PgPool } from '../platform/database/create-pg-pool.ts';
import { isUuid } from '../platform/database/is-uuid.ts';
import { computeReportDeadlines } from './deadlines/compute-report-deadlines.ts';
import type { DeadlineRule } from './deadlines/load-deadline-rules.ts';
import { toStoredDeadline } from './deadlines/stored-deadline.ts';
import type { VietnamCalendar } from './deadlines/vietnam-calendar.ts';
import { assessPriority } from './rules/assess-priority.ts';
import type { TriageRules } from './rules/load-triage-rules.ts';
import { routeReport } from './rules/route-report.ts';
import type { TriageReport } from './rules/triage-report.ts';

export interface TriageSettings {
  rules: TriageRules;
  deadlineRules: readonly DeadlineRule[];
  calendar: VietnamCalendar;
  defaultProvinceCode: string;
}

export type TriageOutcome =
  | { outcome: 'triaged' /** From submission to this triage, for the lag metric. */; lagSeconds: number }
  | { outcome: 'already_triaged' | 'no_such_report' };

/** A report's outcome, or what made its triage throw (the other reports of the call go on). */
export type TriageResult = TriageOutcome | { outcome: 'error'; error: unknown };

interface ReportRow {
  id: string;
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

/** What triage decided for one report: one row of the batch's write. */
interface Decision {
  id: string;
  priority: number;
  hits: string;
  unitId: string;
  routingReason: string;
  classifyDueAt: Date | null;
  receiptNoticeDueAt: Date | null;
  decisionDueAt: Date | null;
  victimVerificationDueAt: Date | null;
  /** A limit waits for a longer holiday list (its column, if any, stays NULL). */
  deadlinesPendingCalendar: boolean;
  detail: string;
  lagSeconds: number;
}

/**
 * Classifies, prioritises, routes and gives deadlines to submitted reports: one statement reads
 * them and one writes every decision with its `triaged` event, however many there are (a commit
 * per report cost PostgreSQL more than all the rest of the triage). Idempotent: the update only
 * applies to a report not yet triaged, and the event is written by the same statement, so running
 * a report's triage twice (a stalled job re-run, a reconciler re-add) changes nothing the second
 * time. A limit the holiday list cannot count yet does not stop the rest: it is stored NULL,
 * listed pending in the event and the report marked `deadlines_pending_calendar`, for
 * `rederivePendingDeadlines`. A report whose rules throw gets `error` and is left out of the write;
 * a database failure rejects the whole call. The results are keyed by id in lower case.
 */
export async function triageSubmittedReports(
  pool: PgPool,
  settings: TriageSettings,
  reportIds: readonly string[],
  now: Date = new Date(),
): Promise<Map<string, TriageResult>> {
  // Keyed by the ids as PostgreSQL prints them (lower case), whatever case the caller used.
  const results = new Map<string, TriageResult>();
  for (const id of reportIds) results.set(id.toLowerCase(), { outcome: 'no_such_report' });
  const { rows } = await pool.query<ReportRow>({
    name: 'triage-read',
    text: `SELECT id::text, kind::text, category, description, amendments, people_text, danger_now, ongoing,
             child_involved, situation, help_needed, province_code, ward_code, latitude, longitude, country,
             submitted_at, triaged_at IS NOT NULL AS triaged
           FROM report WHERE id = ANY($1::uuid[])`,
    // Job data is checked as a uuid already; a malformed id must not fail the others' statement.
    values: [reportIds.filter(isUuid)],
  });
  const decisions: Decision[] = [];
  for (const row of rows) {
    if (row.triaged) {
      results.set(row.id, { outcome: 'already_triaged' });
      continue;
    }
    try {
      decisions.push(decide(row, settings, now));
    } catch (error) {
      results.set(row.id, { outcome: 'error', error });
    }
  }
  if (decisions.length === 0) return results;
  // A trafficking report starts its victim track (initial verification) when it is triaged.
  const written = await pool.query<{ id: string }>({
    name: 'triage-write',
    text: `WITH input AS (
             SELECT * FROM unnest($2::uuid[], $3::int[], $4::jsonb[], $5::text[], $6::text[], $7::timestamptz[],
                                  $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::jsonb[],
                                  $12::boolean[])
               AS t(id, priority, hits, unit_id, routing_reason, classify_due_at, receipt_notice_due_at,
                    decision_due_at, victim_verification_due_at, detail, deadlines_pending_calendar)
           ), updated AS (
             UPDATE report r SET triaged_at = $1, priority = i.priority, priority_hits = i.hits, unit_id = i.unit_id,
               routing_reason = i.routing_reason, classify_due_at = i.classify_due_at,
               receipt_notice_due_at = i.receipt_notice_due_at, decision_due_at = i.decision_due_at,
               victim_verification_due_at = i.victim_verification_due_at,
               deadlines_pending_calendar = i.deadlines_pending_calendar,
               victim_track_status = CASE WHEN r.kind = 'trafficking' AND r.victim_track_status = 'none'
                 THEN 'victim_verification'::"VictimTrackStatus" ELSE r.victim_track_status END,
               victim_verification_at = CASE WHEN r.kind = 'trafficking' AND r.victim_track_status = 'none'
                 THEN $1 ELSE r.victim_verification_at END
             FROM input i
             WHERE r.id = i.id AND r.triaged_at IS NULL
             RETURNING r.id, i.detail
           )
           INSERT INTO report_event (report_id, kind, actor, at, detail)
           SELECT id, 'triaged', 'system', $1, detail FROM updated
           RETURNING report_id::text AS id`,
    values: [
      now,
      decisions.map((d) => d.id),
      decisions.map((d) => d.priority),
      decisions.map((d) => d.hits),
      decisions.map((d) => d.unitId),
      decisions.map((d) => d.routingReason),
      decisions.map((d) => d.classifyDueAt),
      decisions.map((d) => d.receiptNoticeDueAt),
      decisions.map((d) => d.decisionDueAt),
      decisions.map((d) => d.victimVerificationDueAt),
      decisions.map((d) => d.detail),
      decisions.map((d) => d.deadlinesPendingCalendar),
    ],
  });
  const triaged = new Set(written.rows.map((row) => row.id));
  for (const decision of decisions) {
    // Not written: another run triaged it between the read and the write.
    results.set(
      decision.id,
      triaged.has(decision.id)
        ? { outcome: 'triaged', lagSeconds: decision.lagSeconds }
        : { outcome: 'already_triaged' },
    );
  }
  return results;
}

function decide(row: ReportRow, settings: TriageSettings, now: Date): Decision {
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
  const deadlinesPendingCalendar = deadlines.pendingCalendarYears.length > 0;
  const detail = {
    priority: priority.priority,
    hits,
    unitId: routing.unitId,
    routingReason: routing.reason,
    deadlines: deadlines.deadlines.map(toStoredDeadline),
    deadlinesPendingCalendar,
  };
  return {
    id: row.id,
    priority: priority.priority,
    hits: JSON.stringify(hits),
    unitId: routing.unitId,
    routingReason: routing.reason,
    classifyDueAt: deadlines.classifyDueAt,
    receiptNoticeDueAt: deadlines.receiptNoticeDueAt,
    decisionDueAt: deadlines.decisionDueAt,
    victimVerificationDueAt: deadlines.victimVerificationDueAt,
    deadlinesPendingCalendar,
    detail: JSON.stringify(detail),
    lagSeconds: (now.getTime() - row.submitted_at.getTime()) / 1000,
  };
}
