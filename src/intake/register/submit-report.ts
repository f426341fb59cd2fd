import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Draft } from '../../citizen/engine/conversation-state.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import { packBytea } from '../../platform/database/packed-bytea.ts';
import { sqlParameters } from '../../platform/database/sql-parameters.ts';
import { unnestColumns } from '../../platform/database/unnest-columns.ts';
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
  const orderedText = (column: string, alias: string) =>
    `ARRAY(SELECT ${alias}.v FROM jsonb_array_elements_text(${column}) WITH ORDINALITY AS ${alias}(v, n) ORDER BY ${alias}.n)`;
  const p = sqlParameters();
  const report = unnestColumns(p, [
    { name: 'id', type: 'uuid[]', values: ids },
    { name: 'kind', type: 'text[]', values: required.map((r) => r.kind), select: 'kind::"ReportKind"' },
    { name: 'channel', type: 'text[]', values: inputs.map((i) => i.channel), select: 'channel::"Channel"' },
    { name: 'reporter_id', type: 'uuid[]', values: inputs.map((i) => i.reporterId) },
    {
      name: 'anonymity',
      type: 'text[]',
      values: required.map((r) => r.anonymity),
      select: 'anonymity::"Anonymity"',
    },
    { name: 'register', type: 'text[]', values: entries.map((e) => e.register) },
    { name: 'register_year', type: 'int[]', values: entries.map((e) => e.year) },
    { name: 'register_seq', type: 'int[]', values: entries.map((e) => e.seq) },
    { name: 'register_number', type: 'text[]', values: entries.map((e) => e.number) },
    {
      name: 'receipt_code_hash',
      type: 'text[]',
      values: codes.map((code) => receiptCodeKey(protection, code)),
    },
    { name: 'language', type: 'text[]', values: inputs.map((i) => i.language) },
    { name: 'category', type: 'text[]', values: required.map((r) => r.category) },
    { name: 'description', type: 'text[]', values: required.map((r) => r.description) },
    {
      name: 'amendments',
      type: 'jsonb[]',
      values: column((d) => JSON.stringify(d.amendments)),
      select: orderedText('amendments', 'a'),
    },
    { name: 'occurred_when', type: 'text[]', values: column((d) => d.occurredWhen ?? null) },
    { name: 'occurred_text', type: 'text[]', values: column((d) => d.occurredText ?? null) },
    { name: 'province_code', type: 'text[]', values: column((d) => d.provinceCode ?? null) },
    { name: 'ward_code', type: 'text[]', values: column((d) => d.wardCode ?? null) },
    { name: 'latitude', type: 'float8[]', values: column((d) => d.latitude ?? null) },
    { name: 'longitude', type: 'float8[]', values: column((d) => d.longitude ?? null) },
    { name: 'people_text', type: 'text[]', values: column((d) => d.peopleText ?? null) },
    { name: 'danger_now', type: 'boolean[]', values: column((d) => d.dangerNow ?? false) },
    { name: 'ongoing', type: 'boolean[]', values: column((d) => d.ongoing ?? false) },
    { name: 'affected', type: 'text[]', values: column((d) => d.affected ?? null) },
    { name: 'child_involved', type: 'text[]', values: column((d) => d.childInvolved ?? null) },
    { name: 'situation', type: 'text[]', values: column((d) => d.situation ?? null) },
    { name: 'country', type: 'text[]', values: column((d) => d.country ?? null) },
    { name: 'last_contact_text', type: 'text[]', values: column((d) => d.lastContactText ?? null) },
    {
      name: 'help_needed',
      type: 'jsonb[]',
      values: column((d) => JSON.stringify(d.helpNeeded)),
      select: orderedText('help_needed', 'h'),
    },
    { name: 'submitted_at', type: 'timestamptz[]', values: inputs.map((i) => i.now) },
  ]);
  await tx.query({
    name: 'reports-insert',
    text: `INSERT INTO report (${report.names})
     SELECT ${report.selects}
     FROM unnest(${report.parameters}) WITH ORDINALITY AS t(${report.names}, n)
     ORDER BY n`,
    values: p.values,
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
  const q = sqlParameters();
  const attachment = unnestColumns(q, [
    { name: 'report_id', type: 'uuid[]', values: attachments.map((a) => a.reportId) },
    {
      name: 'channel',
      type: 'text[]',
      values: attachments.map((a) => a.channel),
      select: 'channel::"Channel"',
    },
    { name: 'kind', type: 'text[]', values: attachments.map((a) => a.kind) },
    { name: 'platform_file_id', type: 'text[]', values: attachments.map((a) => a.platformFileId) },
    { name: 'mime_type', type: 'text[]', values: attachments.map((a) => a.mimeType) },
    { name: 'size_bytes', type: 'int[]', values: attachments.map((a) => a.sizeBytes) },
    { name: 'file_name', type: 'text[]', values: attachments.map((a) => a.fileName) },
  ]);
  const contact = {
    reportId: q.bind(
      contacts.map((c) => c.reportId),
      'uuid[]',
    ),
    phones: q.bind(phones.data, 'bytea'),
    phoneStart: q.bind(phones.starts, 'int[]'),
    phoneLength: q.bind(phones.lengths, 'int[]'),
  };
  const reportIds = q.bind(ids, 'uuid[]');
  const submittedAt = q.bind(
    inputs.map((input) => input.now),
    'timestamptz[]',
  );
  await tx.query({
    name: 'reports-dependents',
    text: `WITH attachments AS (
       INSERT INTO attachment (id, ${attachment.names})
       SELECT gen_random_uuid(), ${attachment.selects}
       FROM unnest(${attachment.parameters}) WITH ORDINALITY AS t(${attachment.names}, n)
       ORDER BY n
     ), contact AS (
       INSERT INTO report_contact (report_id, phone_enc)
       SELECT report_id, substring(${contact.phones} FROM phone_start FOR phone_length)
       FROM unnest(${contact.reportId}, ${contact.phoneStart}, ${contact.phoneLength})
         AS t(report_id, phone_start, phone_length)
     ), event AS (
       INSERT INTO report_event (report_id, kind, to_status, actor, at)
       SELECT report_id, 'submitted', 'submitted', 'reporter', at
       FROM unnest(${reportIds}, ${submittedAt}) WITH ORDINALITY AS t(report_id, at, n) ORDER BY n
     )
     INSERT INTO outbox (topic, aggregate_id)
     SELECT 'report.submitted', report_id FROM unnest(${reportIds}) WITH ORDINALITY AS t(report_id, n) ORDER BY n`,
    values: q.values,
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
