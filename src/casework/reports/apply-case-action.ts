import type pg from 'pg';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { isUuid } from '../../platform/database/is-uuid.ts';
import { sqlParameters } from '../../platform/database/sql-parameters.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import type { ConsoleUser } from '../access/console-user.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { writeCaseNotices } from '../notices/write-case-notices.ts';
import type { CaseColumns, CasePlan, CaseRefusal } from '../status/case-plan.ts';
import { isCaseRefusal } from '../status/case-plan.ts';
import type { CaseSnapshot } from '../status/case-snapshot.ts';
import type { CaseContext } from '../status/count-rule-deadline.ts';
import { planCaseAction } from '../status/plan-case-action.ts';

export type CaseActionResult =
  | { applied: { eventId: string; toStatus: string; version: number } }
  | {
      refused: CaseRefusal['refused'] | 'not_found' | 'conflict' | 'unknown_assignee' | 'unknown_duplicate';
      issues?: CaseRefusal['issues'];
    };

/** Column of each CaseColumns key, and the SQL type it is bound as. */
const columnSql: Record<keyof CaseColumns, [string, string]> = {
  status: ['status', '"ReportStatus"'],
  victimTrackStatus: ['victim_track_status', '"VictimTrackStatus"'],
  assigneeId: ['assignee_id', 'uuid'],
  classifiedAt: ['classified_at', 'timestamptz'],
  classification: ['classification', 'text'],
  transferredAt: ['transferred_at', 'timestamptz'],
  transferredTo: ['transferred_to', 'text'],
  acceptedAt: ['accepted_at', 'timestamptz'],
  verifyingAt: ['verifying_at', 'timestamptz'],
  decidedAt: ['decided_at', 'timestamptz'],
  decisionGround: ['decision_ground', 'text'],
  decisionReasons: ['decision_reasons', 'text'],
  suspendedAt: ['suspended_at', 'timestamptz'],
  resumedAt: ['resumed_at', 'timestamptz'],
  closedAt: ['closed_at', 'timestamptz'],
  decisionDueAt: ['decision_due_at', 'timestamptz'],
  decisionLimit: ['decision_limit', 'text'],
  vksExtended: ['vks_extended', 'boolean'],
  noticeDueAt: ['notice_due_at', 'timestamptz'],
  noticeKind: ['notice_kind', 'text'],
  victimVerificationOutcome: ['victim_verification_outcome', 'text'],
  supportReferredAt: ['support_referred_at', 'timestamptz'],
  protectionRequestedAt: ['protection_requested_at', 'timestamptz'],
  protectionDecidedAt: ['protection_decided_at', 'timestamptz'],
};

export interface CaseWriter {
  pool: PgPool;
  context: CaseContext;
  clock: () => Date;
  /** Encrypts the notices to the reporter's chat (outbound payloads are stored encrypted). */
  cipher: FieldCipher;
}

/**
 * Applies one action of the status machine to a report of the user's units, all or nothing: the
 * row is locked, the plan made against the state it changes, the report updated with its version
 * bumped, and the event, any extension, the notices it owes (to the reporter's chat, and the
 * procuracy's due items) and the audit row written in the same transaction (a refusal writes nothing).
 * `expectedVersion` is the version the user saw: when another officer acted since, nothing is
 * written and the answer is `conflict`.
 */
export async function applyCaseAction(
  writer: CaseWriter,
  user: ConsoleUser,
  reportId: string,
  expectedVersion: number | null,
  action: unknown,
): Promise<CaseActionResult> {
  if (user.units.length === 0 || !isUuid(reportId)) return { refused: 'not_found' };
  return inTransaction(writer.pool, {}, (client) =>
    applyInTransaction(client, writer, { user, reportId, expectedVersion, action }),
  );
}

interface CaseActionRequest {
  user: ConsoleUser;
  reportId: string;
  expectedVersion: number | null;
  action: unknown;
}

async function applyInTransaction(
  client: pg.PoolClient,
  writer: CaseWriter,
  { user, reportId, expectedVersion, action }: CaseActionRequest,
): Promise<CaseActionResult> {
  const { rows } = await client.query<CaseSnapshot & { version: number }>(
    `SELECT id, kind, status, victim_track_status AS "victimTrackStatus", unit_id AS "unitId",
            assignee_id AS "assigneeId", submitted_at AS "submittedAt", decision_due_at AS "decisionDueAt",
            decision_limit AS "decisionLimit", vks_extended AS "vksExtended",
            victim_verification_due_at AS "victimVerificationDueAt",
            victim_verification_outcome AS "victimVerificationOutcome", version
       FROM report WHERE id = $1 AND unit_id = ANY($2::text[]) FOR UPDATE`,
    [reportId, user.units],
  );
  const report = rows[0];
  if (!report) return { refused: 'not_found' };
  if (expectedVersion !== null && report.version !== expectedVersion) return { refused: 'conflict' };
  const now = writer.clock();
  const plan = planCaseAction(
    report,
    action,
    { officerId: user.officerId, role: user.role, unitId: user.unitId },
    now,
    writer.context,
  );
  if (isCaseRefusal(plan)) return plan;
  const reference = await checkReferences(client, report.unitId, plan);
  if (reference) return { refused: reference };

  const p = sqlParameters();
  const sets = Object.entries(plan.columns).map(([key, value]) => {
    const [column, type] = columnSql[key as keyof CaseColumns];
    return `${column} = ${p.bind(value, type)}`;
  });
  const id = p.bind(report.id, 'uuid');
  const updated = await client.query<{ version: number }>({
    text: `UPDATE report SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = ${id} RETURNING version`,
    values: p.values,
  });
  const actor = `officer:${user.officerId}`;
  const event = await client.query<{ id: string }>(
    `INSERT INTO report_event (report_id, kind, from_status, to_status, actor, at, detail)
     VALUES ($1, $2, $3::"ReportStatus", $4::"ReportStatus", $5, $6, $7::jsonb) RETURNING id::text`,
    [
      report.id,
      plan.event.kind,
      plan.event.fromStatus,
      plan.event.toStatus,
      actor,
      now,
      JSON.stringify({
        fields: plan.event.detail,
        deadlines: plan.event.deadlines,
        victimTrack: plan.event.victimTrack ?? null,
      }),
    ],
  );
  if (plan.extension) {
    await client.query(
      `INSERT INTO report_extension (id, report_id, by_vks, reason, granted_by, new_due_at, reference, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)`,
      [
        report.id,
        plan.extension.byVks,
        plan.extension.reason,
        plan.extension.byVks ? 'vks' : actor,
        plan.extension.newDueAt,
        plan.extension.reference ?? null,
        now,
      ],
    );
  }
  await writeCaseNotices(client, writer.cipher, report.id, plan, now);
  await appendAudit(client, {
    officerId: user.officerId,
    sessionId: user.sessionId,
    action: `report.${plan.event.kind}`,
    reportId: report.id,
    detail: {
      from: plan.event.fromStatus,
      to: plan.event.toStatus,
      fields: Object.keys(plan.columns).sort(),
    },
  });
  const eventId = event.rows[0]?.id ?? '';
  return {
    applied: { eventId, toStatus: plan.toStatus, version: updated.rows[0]?.version ?? report.version + 1 },
  };
}

/** The officer an assignment names must be an active member of the unit; a duplicate's original must exist there. */
async function checkReferences(
  client: pg.PoolClient,
  unitId: string,
  plan: CasePlan,
): Promise<'unknown_assignee' | 'unknown_duplicate' | null> {
  const assignee = plan.columns.assigneeId;
  if (assignee) {
    const { rowCount } = await client.query(
      `SELECT 1 FROM officer WHERE id = $1 AND unit_id = $2 AND active AND role IN ('officer', 'unit_lead')`,
      [assignee, unitId],
    );
    if (!rowCount) return 'unknown_assignee';
  }
  const detail = plan.event.detail as { duplicateOf?: string };
  if (plan.event.kind === 'classify' && detail.duplicateOf) {
    const { rowCount } = await client.query(
      `SELECT 1 FROM report WHERE register_number = $1 AND unit_id = $2`,
      [detail.duplicateOf, unitId],
    );
    if (!rowCount) return 'unknown_duplicate';
  }
  return null;
}
