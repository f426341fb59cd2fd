import type { OutboundPayload } from '../../citizen/channels/outbound-payload.ts';
import { replyWindowOpen } from '../../citizen/channels/reply-window-open.ts';
import type { ReporterNoticeKind, ReporterNoticeView } from '../../citizen/engine/reporter-notice-view.ts';
import { reporterNoticeLines } from '../../citizen/flows/reporter-notice-lines.ts';
import { renderReply } from '../../intake/outbound/render-reply.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';

export interface ReporterNoticeInput {
  reportId: string;
  kind: ReporterNoticeKind;
  now: Date;
  /** The reasons of the decision, told to the reporter. */
  reasons?: string | null | undefined;
  /** Where a transfer sent the report. */
  receivingBody?: string | null | undefined;
}

/**
 * Writes one notice to the reporter of a report, in the caller's transaction: its report_notice
 * row (what it says, the chat's channel, and when it was queued), and, while the channel's reply
 * window is open, the message to their chat (anonymous reporters too: the chat they used). With
 * the window closed the row waits, sent_at NULL, and the next status check shows it. The message
 * names the register number and the unit, never an officer, the tip or the reporter.
 */
export async function writeReporterNotice(
  client: PgClient,
  cipher: FieldCipher,
  input: ReporterNoticeInput,
): Promise<'sent' | 'waiting'> {
  const { rows } = await client.query<{
    register_number: string;
    submitted_at: Date;
    unit_name: string | null;
    reporter_id: string;
    channel: Channel;
    language: string;
    last_interaction_at: Date;
  }>(
    `SELECT r.register_number, r.submitted_at, u.name AS unit_name, p.id AS reporter_id, p.channel,
            p.language, p.last_interaction_at
       FROM report r LEFT JOIN police_unit u ON u.id = r.unit_id JOIN reporter p ON p.id = r.reporter_id
      WHERE r.id = $1`,
    [input.reportId],
  );
  const report = rows[0];
  if (!report) throw new Error('no report for the notice');
  const view: ReporterNoticeView = {
    kind: input.kind,
    registerNumber: report.register_number,
    unitName: report.unit_name ?? '',
    // The receipt notice tells the day the report was received; a decision's, the day it was made.
    at: input.kind === 'receipt' ? report.submitted_at : input.now,
    reasons: input.reasons ?? null,
    receivingBody: input.receivingBody ?? null,
  };
  const open = replyWindowOpen(report.channel, report.last_interaction_at, input.now);
  await client.query(
    `INSERT INTO report_notice (id, report_id, recipient, kind, channel, sent_at, detail, created_at)
     VALUES (gen_random_uuid(), $1, 'reporter', $2, $3, $4, $5::jsonb, $6)`,
    [input.reportId, input.kind, report.channel, open ? input.now : null, JSON.stringify(view), input.now],
  );
  if (!open) return 'waiting';
  const language = report.language === 'en' ? 'en' : 'vi';
  const payload: OutboundPayload = {
    type: 'reply',
    reply: renderReply({ text: reporterNoticeLines(view, language) }, language),
  };
  // No report id: that column is the receipt's unique key (one receipt per report).
  await client.query(
    `INSERT INTO outbound_message (channel, reporter_id, purpose, payload_enc, created_at)
     VALUES ($1::"Channel", $2, 'report_notice', $3, $4)`,
    [report.channel, report.reporter_id, cipher.encrypt(JSON.stringify(payload)), input.now],
  );
  return 'sent';
}
