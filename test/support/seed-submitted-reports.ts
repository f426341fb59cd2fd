import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/database/create-database-client.ts';
import type { IdentityProtection } from '../../src/identity/identity-protection.ts';
import { submitReport } from '../../src/intake/submit-report.ts';

/**
 * Puts `count` submitted crime tips in the database, as a confirmed conversation leaves them: the
 * report with its next register numbers, its `submitted` event, its `report.submitted` outbox row
 * (not yet relayed) and its receipt, here already marked sent, so the reconciliation has nothing
 * to say about them except triage. One report is made by `submitReport` itself; the others are
 * copied from it by SQL in the same transaction, because chatting or submitting a thousand
 * reports one by one takes longer than the fault being tested. Returns the report ids.
 */
export async function seedSubmittedReports(
  db: Database,
  protection: IdentityProtection,
  count: number,
): Promise<string[]> {
  return db.$transaction(
    async (tx) => {
      const reporter = await tx.reporter.create({
        data: {
          channel: 'telegram',
          identityHash: protection.hasher.hash('telegram', `seed-${randomUUID()}`),
          chatIdEnc: new Uint8Array(protection.cipher.encrypt('seed')),
        },
      });
      const now = new Date();
      const { reportId } = await submitReport(tx, protection, {
        draft: {
          kind: 'crime_tip',
          category: 'theft',
          description: 'Trộm xe máy trước cổng chợ lúc chiều.',
          anonymity: 'anonymous',
          provinceCode: '01',
          amendments: [],
          attachments: [],
          helpNeeded: [],
        },
        language: 'vi',
        channel: 'telegram',
        reporterId: reporter.id,
        register: 'TB',
        now,
      });
      // Every column of the template, with the unique ones made unique again. (LATERAL: a
      // `(jsonb_populate_record(…)).*` in the select list would run the function once per column.)
      const copies = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO report
        SELECT r.* FROM report t, generate_series(1, ${count - 1}::int) g,
          LATERAL jsonb_populate_record(NULL::report, to_jsonb(t) || jsonb_build_object(
            'id', gen_random_uuid(),
            'register_seq', t.register_seq + g,
            'register_number', t.register || '-' || t.register_year || '-' || lpad((t.register_seq + g)::text, 6, '0'),
            'receipt_code_hash', 'seed-' || gen_random_uuid())) r
        WHERE t.id = ${reportId}::uuid
        RETURNING id::text AS id`;
      const ids = [reportId, ...copies.map((c) => c.id)];
      await tx.$executeRaw`
        UPDATE register_counter c SET last_seq = c.last_seq + ${count - 1}::int
        FROM report t WHERE t.id = ${reportId}::uuid AND c.register = t.register AND c.year = t.register_year`;
      await tx.$executeRaw`
        INSERT INTO report_event (report_id, kind, to_status, actor, at)
        SELECT id::uuid, 'submitted', 'submitted', 'reporter', ${now} FROM unnest(${copies.map((c) => c.id)}::text[]) id`;
      await tx.$executeRaw`
        INSERT INTO outbox (topic, aggregate_id)
        SELECT 'report.submitted', id FROM unnest(${copies.map((c) => c.id)}::text[]) id`;
      const payload = new Uint8Array(protection.cipher.encrypt('{}'));
      await tx.$executeRaw`
        INSERT INTO outbound_message (channel, reporter_id, purpose, report_id, payload_enc, status, sent_at)
        SELECT 'telegram', ${reporter.id}::uuid, 'receipt', id::uuid, ${payload}, 'sent', ${now}
        FROM unnest(${ids}::text[]) id`;
      return ids;
    },
    { timeout: 30_000 },
  );
}
