import type { ReporterNoticeKind } from '../../citizen/engine/reporter-notice-view.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import type { CasePlan } from '../status/case-plan.ts';
import { addVksNoticeDue } from './add-vks-notice-due.ts';
import { writeReporterNotice } from './write-reporter-notice.ts';

/** The notice the reporter is owed when a report reaches each status (Art. 56, 148, 149, 158; Art. 146(2)). */
const reporterNoticeOf: Partial<Record<CasePlan['toStatus'], ReporterNoticeKind>> = {
  transferred: 'transfer',
  decided_prosecute: 'prosecute',
  decided_no_prosecute: 'no_prosecute',
  decided_administrative: 'administrative',
  suspended: 'suspend',
  resumed: 'resume',
};

/**
 * The notices an applied action owes, written in its transaction: the reporter's (a decision,
 * a resumption or a transfer, with the reasons and the receiving body) and the procuracy's due
 * items (the notice the status machine counted, the extension request when the body extends its
 * own limit). A decision makes an extension request not yet sent moot: it lapses.
 */
export async function writeCaseNotices(
  client: PgClient,
  cipher: FieldCipher,
  reportId: string,
  plan: CasePlan,
  now: Date,
): Promise<void> {
  const kind = plan.event.fromStatus === plan.toStatus ? undefined : reporterNoticeOf[plan.toStatus];
  if (kind)
    await writeReporterNotice(client, cipher, {
      reportId,
      kind,
      now,
      reasons: plan.columns.decisionReasons ?? null,
      receivingBody: plan.columns.transferredTo ?? null,
    });
  const { noticeKind, noticeDueAt } = plan.columns;
  if (noticeKind && noticeDueAt)
    await addVksNoticeDue(client, { reportId, kind: noticeKind, dueAt: noticeDueAt, now });
  if (plan.event.kind === 'extend')
    await addVksNoticeDue(client, {
      reportId,
      kind: 'vks_extension_request',
      dueAt: plan.columns.decisionDueAt ?? null,
      now,
    });
  if (
    plan.columns.decidedAt ||
    plan.columns.suspendedAt ||
    plan.columns.transferredAt ||
    plan.columns.closedAt
  )
    await client.query(
      `UPDATE report_notice SET lapsed_at = $2
        WHERE report_id = $1 AND recipient = 'vks' AND kind = 'vks_extension_request'
          AND sent_at IS NULL AND lapsed_at IS NULL`,
      [reportId, now],
    );
}
