import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Draft } from '../../citizen/engine/conversation-state.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { packBytea } from '../../platform/database/packed-bytea.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { generateReceiptCode } from '../../platform/vocabulary/receipt-code.ts';
import { attachmentRow } from './attachment-row.ts';
import { issueRegisterNumbers, type RegisterEntry } from './issue-register-number.ts';
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

export interface Submission {
  draft: Draft;
  language: Language;
  channel: Channel;
  reporterId: string;
  register: string;
  now: Date;
}

/** One report (see `submitReports`). */
export async function submitReport(
  tx: PgClient,
  protection: IdentityProtection,
  input: Submission,
): Promise<SubmittedReport> {
  const [submitted] = await submitReports(tx, protection, [input]);
  if (!submitted) throw new Error('report was not submitted');
  return submitted;
}

/**
 * Turns confirmed drafts into reports in the caller's transaction, in order: register numbers,
 * receipt codes, attachments, the encrypted contact phone apart from the tip, the first status
 * event, and the outbox row that starts triage. Three statements however many reports: one per
 * register and year for the numbers, one for the reports, one for what hangs off them. Nothing
 * here is visible until the transaction commits.
 */
export async function submitReports(
  tx: PgClient,
  protection: IdentityProtection,
  inputs: readonly Submission[],
): Promise<SubmittedReport[]> {
  if (inputs.length === 0) return [];
  const required = inputs.map((input) => submittableDraft.parse(input.draft));
  const entries = await numberInOrder(tx, inputs);
  const codes = inputs.map(() => generateReceiptCode());
  const ids = inputs.map(() => randomUUID());
  const drafts = inputs.map((input) => input.draft);
  const column = <T>(read: (draft: Draft, i: number) => T): T[] => drafts.map(read);
  await tx.query({
    name: 'reports-insert',
    text: `INSERT INTO report (id, kind, channel, reporter_id, anonymity, register, register_year, register_seq,
       register_number, receipt_code_hash, language, category, description, amendments, occurred_when,
       occurred_text, province_code, ward_code, latitude, longitude, people_text, danger_now, ongoing,
       affected, child_involved, situation, country, last_contact_text, help_needed, submitted_at)
     SELECT id, kind::"ReportKind", channel::"Channel", reporter_id, anonymity::"Anonymity", register, register_year,
       register_seq, register_number, receipt_code_hash, language, category, description,
       ARRAY(SELECT a.v FROM jsonb_array_elements_text(amendments) WITH ORDINALITY AS a(v, n) ORDER BY a.n), occurred_when, occurred_text, province_code, ward_code,
       latitude, longitude, people_text, danger_now, ongoing, affected, child_involved, situation, country,
       last_contact_text, ARRAY(SELECT h.v FROM jsonb_array_elements_text(help_needed) WITH ORDINALITY AS h(v, n) ORDER BY h.n), submitted_at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::int[],
       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::jsonb[], $15::text[], $16::text[],
       $17::text[], $18::text[], $19::float8[], $20::float8[], $21::text[], $22::boolean[], $23::boolean[],
       $24::text[], $25::text[], $26::text[], $27::text[], $28::text[], $29::jsonb[], $30::timestamptz[])
       WITH ORDINALITY AS t(id, kind, channel, reporter_id, anonymity, register, register_year, register_seq,
         register_number, receipt_code_hash, language, category, description, amendments, occurred_when,
         occurred_text, province_code, ward_code, latitude, longitude, people_text, danger_now, ongoing,
         affected, child_involved, situation, country, last_contact_text, help_needed, submitted_at, n)
     ORDER BY n`,
    values: [
      ids,
      required.map((r) => r.kind),
      inputs.map((input) => input.channel),
      inputs.map((input) => input.reporterId),
      required.map((r) => r.anonymity),
      entries.map((entry) => entry.register),
      entries.map((entry) => entry.year),
      entries.map((entry) => entry.seq),
      entries.map((entry) => entry.number),
      codes.map((code) => receiptCodeKey(protection, code)),
      inputs.map((input) => input.language),
      required.map((r) => r.category),
      required.map((r) => r.description),
      column((draft) => JSON.stringify(draft.amendments)),
      column((draft) => draft.occurredWhen ?? null),
      column((draft) => draft.occurredText ?? null),
      column((draft) => draft.provinceCode ?? null),
      column((draft) => draft.wardCode ?? null),
      column((draft) => draft.latitude ?? null),
      column((draft) => draft.longitude ?? null),
      column((draft) => draft.peopleText ?? null),
      column((draft) => draft.dangerNow ?? false),
      column((draft) => draft.ongoing ?? false),
      column((draft) => draft.affected ?? null),
      column((draft) => draft.childInvolved ?? null),
      column((draft) => draft.situation ?? null),
      column((draft) => draft.country ?? null),
      column((draft) => draft.lastContactText ?? null),
      column((draft) => JSON.stringify(draft.helpNeeded)),
      inputs.map((input) => input.now),
    ],
  });
  const attachments = inputs.flatMap((input, i) =>
    input.draft.attachments.map((a) => ({ reportId: ids[i] as string, ...attachmentRow(input.channel, a) })),
  );
  const contacts = inputs.flatMap((input, i) =>
    required[i]?.anonymity === 'confidential' && input.draft.phone
      ? [{ reportId: ids[i] as string, phoneEnc: protection.cipher.encrypt(input.draft.phone) }]
      : [],
  );
  const phones = packBytea(contacts.map((c) => c.phoneEnc));
  await tx.query({
    name: 'reports-dependents',
    text: `WITH attachments AS (
       INSERT INTO attachment (id, report_id, channel, kind, platform_file_id, mime_type, size_bytes, file_name)
       SELECT gen_random_uuid(), report_id, channel::"Channel", kind, file_id, mime, size, name
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
         WITH ORDINALITY AS t(report_id, channel, kind, file_id, mime, size, name, n)
       ORDER BY n
     ), contact AS (
       INSERT INTO report_contact (report_id, phone_enc)
       SELECT report_id, substring($9::bytea FROM phone_start FOR phone_length)
       FROM unnest($8::uuid[], $12::int[], $13::int[]) AS t(report_id, phone_start, phone_length)
     ), event AS (
       INSERT INTO report_event (report_id, kind, to_status, actor, at)
       SELECT report_id, 'submitted', 'submitted', 'reporter', at
       FROM unnest($10::uuid[], $11::timestamptz[]) WITH ORDINALITY AS t(report_id, at, n) ORDER BY n
     )
     INSERT INTO outbox (topic, aggregate_id)
     SELECT 'report.submitted', report_id FROM unnest($10::uuid[]) WITH ORDINALITY AS t(report_id, n) ORDER BY n`,
    values: [
      attachments.map((a) => a.reportId),
      attachments.map((a) => a.channel),
      attachments.map((a) => a.kind),
      attachments.map((a) => a.platformFileId),
      attachments.map((a) => a.mimeType),
      attachments.map((a) => a.sizeBytes),
      attachments.map((a) => a.fileName),
      contacts.map((c) => c.reportId),
      phones.data,
      ids,
      inputs.map((input) => input.now),
      phones.starts,
      phones.lengths,
    ],
  });
  return inputs.map((_, i) => ({
    reportId: ids[i] as string,
    registerNumber: entries[i]?.number as string,
    receiptCode: codes[i] as string,
  }));
}

/** Register numbers for the submissions, in their order, one statement per register and year. */
async function numberInOrder(tx: PgClient, inputs: readonly Submission[]) {
  const groups = new Map<string, { register: string; year: number; indexes: number[] }>();
  inputs.forEach((input, i) => {
    const year = registerYear(input.now);
    const key = `${input.register}\u0000${year}`;
    const group = groups.get(key) ?? { register: input.register, year, indexes: [] };
    group.indexes.push(i);
    groups.set(key, group);
  });
  const entries = new Array<RegisterEntry>(inputs.length);
  for (const group of groups.values()) {
    const numbers = await issueRegisterNumbers(tx, group.register, group.year, group.indexes.length);
    group.indexes.forEach((index, j) => {
      entries[index] = numbers[j] as RegisterEntry;
    });
  }
  return entries;
}
