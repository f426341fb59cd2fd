import { z } from 'zod';
import type { Transaction } from '../database/create-database-client.ts';
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
  tx: Transaction,
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
  const { draft } = input;
  const required = submittableDraft.parse(draft);
  const entry = await issueRegisterNumber(tx, input.register, registerYear(input.now));
  const code = generateReceiptCode();
  const report = await tx.report.create({
    data: {
      kind: required.kind,
      channel: input.channel,
      reporterId: input.reporterId,
      anonymity: required.anonymity,
      register: entry.register,
      registerYear: entry.year,
      registerSeq: entry.seq,
      registerNumber: entry.number,
      receiptCodeHash: receiptCodeKey(protection, code),
      language: input.language,
      category: required.category,
      description: required.description,
      amendments: draft.amendments,
      occurredWhen: draft.occurredWhen ?? null,
      occurredText: draft.occurredText ?? null,
      provinceCode: draft.provinceCode ?? null,
      wardCode: draft.wardCode ?? null,
      latitude: draft.latitude ?? null,
      longitude: draft.longitude ?? null,
      peopleText: draft.peopleText ?? null,
      dangerNow: draft.dangerNow ?? false,
      ongoing: draft.ongoing ?? false,
      affected: draft.affected ?? null,
      childInvolved: draft.childInvolved ?? null,
      situation: draft.situation ?? null,
      country: draft.country ?? null,
      lastContactText: draft.lastContactText ?? null,
      helpNeeded: draft.helpNeeded,
      submittedAt: input.now,
      attachments: {
        create: draft.attachments.map((a) => attachmentRow(input.channel, a)),
      },
      events: { create: { kind: 'submitted', toStatus: 'submitted', actor: 'reporter', at: input.now } },
      ...(required.anonymity === 'confidential' && draft.phone
        ? { contact: { create: { phoneEnc: new Uint8Array(protection.cipher.encrypt(draft.phone)) } } }
        : {}),
    },
    select: { id: true },
  });
  await tx.outbox.create({ data: { topic: 'report.submitted', aggregateId: report.id } });
  return { reportId: report.id, registerNumber: entry.number, receiptCode: code };
}
