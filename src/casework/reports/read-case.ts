import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { isUuid } from '../../platform/database/is-uuid.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { attachmentMediaFile } from '../evidence/attachment-media-file.ts';
import { evidenceLinkPath } from '../evidence/evidence-link.ts';
import type { CaseSnapshot } from '../status/case-snapshot.ts';

/** A report as an officer sees it: what was reported and its workflow, never who reported it. */
export interface CaseView {
  id: string;
  registerNumber: string;
  kind: 'crime_tip' | 'trafficking';
  channel: string;
  anonymity: 'anonymous' | 'confidential';
  language: string;
  status: string;
  victimTrackStatus: string;
  priority: number;
  version: number;
  unitId: string;
  unitName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  answers: Record<string, string | string[] | boolean | null>;
  routingReason: string | null;
  priorityHits: unknown;
  submittedAt: Date;
  deadlines: Record<string, Date | null>;
  decisionLimit: string | null;
  noticeKind: string | null;
  vksExtended: boolean;
  /** What the status machine decides the offered actions from. */
  snapshot: CaseSnapshot;
  events: {
    id: string;
    kind: string;
    fromStatus: string | null;
    toStatus: string | null;
    actor: string;
    actorName: string | null;
    at: Date;
    detail: unknown;
  }[];
  notes: { id: string; text: string; officerName: string; createdAt: Date }[];
  /**
   * The thread with the reporter: their additions and the unit's questions (`notifiedAt` null: the
   * question waits for the reporter's next status check; `answeredAt`: the reporter answered).
   */
  followUps: {
    id: string;
    direction: 'from_reporter' | 'to_reporter';
    text: string | null;
    createdAt: Date;
    answeredAt: Date | null;
    notifiedAt: Date | null;
  }[];
  /**
   * The notice log: to the reporter (`sentAt` queued to the chat, or null and `shownAt` once a
   * status check showed it) and to the procuracy (`dueAt`; `sentAt`, `reference` and `channel`, how
   * it went, once recorded; `lapsedAt`: no longer owed).
   */
  notices: {
    id: string;
    recipient: 'reporter' | 'vks';
    kind: string;
    channel: string | null;
    dueAt: Date | null;
    sentAt: Date | null;
    shownAt: Date | null;
    lapsedAt: Date | null;
    reference: string | null;
    createdAt: Date;
  }[];
  attachments: {
    id: string;
    kind: string;
    mimeType: string | null;
    sizeBytes: number | null;
    createdAt: Date;
    channel: string;
    fileName: string | null;
    /** What became of the platform's file: kept (`stored`), `refused`, `failed`, or nothing yet. */
    storage: 'stored' | 'refused' | 'failed' | null;
    /** SHA-256 of the kept file as it arrived, hex. */
    sha256: string | null;
    /** The kept file's console address for the session that read the report, for five minutes. */
    link: string | null;
  }[];
}

/**
 * One report of the user's units, or null when there is none there: a report of another unit
 * reads exactly like one that does not exist (the units are bound in the query). Each read is an
 * audit row (who, which report, from which session).
 */
export async function readCase(pool: PgPool, user: ConsoleUser, reportId: string): Promise<CaseView | null> {
  const units = user.units;
  if (units.length === 0 || !isUuid(reportId)) return null;
  const { rows } = await pool.query(
    `SELECT r.*, u.name AS unit_name, o.display_name AS assignee_name
       FROM report r JOIN police_unit u ON u.id = r.unit_id LEFT JOIN officer o ON o.id = r.assignee_id
      WHERE r.id = $1 AND r.unit_id = ANY($2::text[])`,
    [reportId, units],
  );
  const r = rows[0];
  if (!r) return null;
  const [, events, notes, followUps, attachments, notices] = await Promise.all([
    inTransaction(pool, {}, (client) =>
      appendAudit(client, {
        officerId: user.officerId,
        sessionId: user.sessionId,
        action: 'report.read',
        reportId,
      }),
    ).then(() => ({ rows: [] })),
    pool.query(
      `SELECT e.id::text, e.kind, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.actor, e.at, e.detail,
              o.display_name AS "actorName"
         FROM report_event e
         LEFT JOIN officer o ON e.actor LIKE 'officer:%' AND o.id::text = substr(e.actor, 9)
        WHERE e.report_id = $1 ORDER BY e.id`,
      [reportId],
    ),
    pool.query(
      `SELECT n.id, n.text, o.display_name AS "officerName", n.created_at AS "createdAt"
         FROM report_note n JOIN officer o ON o.id = n.officer_id WHERE n.report_id = $1 ORDER BY n.created_at, n.id`,
      [reportId],
    ),
    pool.query(
      `SELECT id, direction, text, created_at AS "createdAt", answered_at AS "answeredAt", notified_at AS "notifiedAt"
         FROM follow_up WHERE report_id = $1 ORDER BY created_at, id`,
      [reportId],
    ),
    pool.query(
      `SELECT a.id, a.kind, a.mime_type AS "mimeType", a.size_bytes AS "sizeBytes", a.created_at AS "createdAt",
              a.channel, a.file_name AS "fileName", m.status AS "storage", m.sha256
         FROM attachment a LEFT JOIN media_file m ON ${attachmentMediaFile}
        WHERE a.report_id = $1 ORDER BY a.created_at, a.id`,
      [reportId],
    ),
    pool.query(
      `SELECT id, recipient, kind, channel, due_at AS "dueAt", sent_at AS "sentAt", shown_at AS "shownAt",
              lapsed_at AS "lapsedAt", reference, created_at AS "createdAt"
         FROM report_notice WHERE report_id = $1 ORDER BY created_at, id`,
      [reportId],
    ),
  ]);
  return {
    id: r.id,
    registerNumber: r.register_number,
    kind: r.kind,
    channel: r.channel,
    anonymity: r.anonymity,
    language: r.language,
    status: r.status,
    victimTrackStatus: r.victim_track_status,
    priority: r.priority,
    version: r.version,
    unitId: r.unit_id,
    unitName: r.unit_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    answers: {
      category: r.category,
      description: r.description,
      amendments: r.amendments,
      occurredWhen: r.occurred_when,
      occurredText: r.occurred_text,
      provinceCode: r.province_code,
      wardCode: r.ward_code,
      placeText: r.place_text,
      peopleText: r.people_text,
      dangerNow: r.danger_now,
      ongoing: r.ongoing,
      affected: r.affected,
      childInvolved: r.child_involved,
      situation: r.situation,
      country: r.country,
      lastContactText: r.last_contact_text,
      helpNeeded: r.help_needed,
    },
    routingReason: r.routing_reason,
    priorityHits: r.priority_hits,
    submittedAt: r.submitted_at,
    deadlines: {
      classify: r.classified_at ? null : r.classify_due_at,
      receiptNotice: r.receipt_notice_due_at,
      decision: r.decision_due_at,
      notice: r.notice_due_at,
      victimVerification: r.victim_verification_outcome ? null : r.victim_verification_due_at,
    },
    decisionLimit: r.decision_limit,
    noticeKind: r.notice_kind,
    vksExtended: r.vks_extended,
    snapshot: {
      id: r.id,
      kind: r.kind,
      status: r.status,
      victimTrackStatus: r.victim_track_status,
      unitId: r.unit_id,
      assigneeId: r.assignee_id,
      submittedAt: r.submitted_at,
      decisionDueAt: r.decision_due_at,
      decisionLimit: r.decision_limit,
      vksExtended: r.vks_extended,
      victimVerificationDueAt: r.victim_verification_due_at,
      victimVerificationOutcome: r.victim_verification_outcome,
    },
    events: events.rows,
    notes: notes.rows,
    followUps: followUps.rows,
    notices: notices.rows,
    attachments: attachments.rows.map((a) => ({
      ...a,
      link: a.storage === 'stored' ? evidenceLinkPath(user.sessionId, a.id, new Date()) : null,
    })),
  };
}
