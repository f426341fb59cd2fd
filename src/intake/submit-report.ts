import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PgClient } from '../database/create-pg-pool.ts';
import type { Channel } from '../engine/channel.ts';
import type { Draft, Language } from '../engine/conversation-state.ts';
import type { IdentityProtection } from '../identity/identity-protection.ts';
import { attachmentRow } from './attachment-row.ts';
import { issueRegisterNumber } from './issue-register-number.ts';
import { generateReceiptCode } from './receipt-code.ts';
import { receiptCodeKey } from './receipt-code-key.ts';
import { registerYear } from './register-year.ts';

/** The fields a draft must have before it can become a report. The flows guarantee them. */
const submittableDraft = z.object({
  kind: z.enum(['crime_tip', 'trafficking']),
  category: z.string().min(1),
  description: z.string().min(1),
  anonymity: z.enum(['anonymous', 'confidential']),
});

export interface SubmittedReport {
  reportId: string;
  registerNumber: string;
  /** Formatted for the citizen; only its keyed hash is stored. */
  receiptCode: string;
}

/**
 * Turns a confirmed draft into a report in the caller's transaction: register number, receipt
 * code, attachments, the encrypted contact phone apart from the tip, the first status event, and
 * the outbox row that starts triage. Nothing here is visible until the transaction commits.
 */
export async function submitReport(
  tx: PgClient,
  protection: IdentityProtection,
  input: {
    draft: Draft;
    language: Language;
    channel: Channel;
    reporterId: string;
    register: string;
    now: Date;
  },
): Promise<SubmittedReport> {
  const { draft, now } = input;
  const required = submittableDraft.parse(draft);
  const entry = await issueRegisterNumber(tx, input.register, registerYear(now));
  const code = generateReceiptCode();
  const reportId = randomUUID();
  await tx.query(
    `INSERT INTO report (id, kind, channel, reporter_id, anonymity, register, register_year, register_seq,
       register_number, receipt_code_hash, language, category, description, amendments, occurred_when,
       occurred_text, province_code, ward_code, latitude, longitude, people_text, danger_now, ongoing,
       affected, child_involved, situation, country, last_contact_text, help_needed, submitted_at)
     VALUES ($1, $2::"ReportKind", $3::"Channel", $4, $5::"Anonymity", $6, $7, $8, $9, $10, $11, $12, $13,
       $14::text[], $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29::text[], $30)`,
    [
      reportId,
      required.kind,
      input.channel,
      input.reporterId,
      required.anonymity,
      entry.register,
      entry.year,
      entry.seq,
      entry.number,
      receiptCodeKey(protection, code),
      input.language,
      required.category,
      required.description,
      draft.amendments,
      draft.occurredWhen ?? null,
      draft.occurredText ?? null,
      draft.provinceCode ?? null,
      draft.wardCode ?? null,
      draft.latitude ?? null,
      draft.longitude ?? null,
      draft.peopleText ?? null,
      draft.dangerNow ?? false,
      draft.ongoing ?? false,
      draft.affected ?? null,
      draft.childInvolved ?? null,
      draft.situation ?? null,
      draft.country ?? null,
      draft.lastContactText ?? null,
      draft.helpNeeded,
      now,
    ],
  );
  const attachments = draft.attachments.map((a) => attachmentRow(input.channel, a));
  const phoneEnc =
    required.anonymity === 'confidential' && draft.phone ? protection.cipher.encrypt(draft.phone) : null;
  await tx.query(
    `WITH attachments AS (
       INSERT INTO attachment (id, report_id, channel, kind, platform_file_id, mime_type, size_bytes, file_name)
       SELECT gen_random_uuid(), $1, $2::"Channel", kind, file_id, mime, size, name
       FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::text[]) AS t(kind, file_id, mime, size, name)
     ), contact AS (
       INSERT INTO report_contact (report_id, phone_enc) SELECT $1, $8::bytea WHERE $8::bytea IS NOT NULL
     ), event AS (
       INSERT INTO report_event (report_id, kind, to_status, actor, at)
       VALUES ($1, 'submitted', 'submitted', 'reporter', $9)
     )
     INSERT INTO outbox (topic, aggregate_id) VALUES ('report.submitted', $1)`,
    [
      reportId,
      input.channel,
      attachments.map((a) => a.kind),
      attachments.map((a) => a.platformFileId),
      attachments.map((a) => a.mimeType),
      attachments.map((a) => a.sizeBytes),
      attachments.map((a) => a.fileName),
      phoneEnc,
      now,
    ],
  );
  return { reportId, registerNumber: entry.number, receiptCode: code };
}
