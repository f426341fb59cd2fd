import { submitReport } from '../../src/intake/register/submit-report.ts';
import type { IdentityProtection } from '../../src/platform/identity/identity-protection.ts';
import { createTestReporter, inTestTransaction, testDraft } from './submit-test-report.ts';

/**
 * Puts `count` submitted crime tips in the database, as a confirmed conversation leaves them: the
 * report with its next register numbers, its `submitted` event, its `report.submitted` outbox row
 * (not yet relayed) and its receipt, here already marked sent, so the reconciliation has nothing
 * to say about them except triage. One report is made by `submitReport` itself; the others are
 * copied from it by SQL in the same transaction, because chatting or submitting a thousand
 * reports one by one takes longer than the fault being tested. Returns the report ids.
 */
export async function seedSubmittedReports(
  databaseUrl: string,
  protection: IdentityProtection,
  count: number,
): Promise<string[]> {
  return inTestTransaction(databaseUrl, async (tx) => {
    const reporterId = await createTestReporter(tx, protection);
    const now = new Date();
    const { reportId } = await submitReport(tx, protection, {
      draft: testDraft({ provinceCode: '01' }),
      language: 'vi',
      channel: 'telegram',
      reporterId,
      register: 'TB',
      now,
    });
    // Every column of the template, with the unique ones made unique again. (LATERAL: a
    // `(jsonb_populate_record(…)).*` in the select list would run the function once per column.)
    const copies = await tx.query<{ id: string }>(
      `INSERT INTO report
       SELECT r.* FROM report t, generate_series(1, $1::int) g,
         LATERAL jsonb_populate_record(NULL::report, to_jsonb(t) || jsonb_build_object(
           'id', gen_random_uuid(),
           'register_seq', t.register_seq + g,
           'register_number', t.register || '-' || t.register_year || '-' || lpad((t.register_seq + g)::text, 6, '0'),
           'receipt_code_hash', 'seed-' || gen_random_uuid())) r
       WHERE t.id = $2::uuid
       RETURNING id::text AS id`,
      [count - 1, reportId],
    );
    const copyIds = copies.rows.map((c) => c.id);
    const ids = [reportId, ...copyIds];
    await tx.query(
      `UPDATE register_counter c SET last_seq = c.last_seq + $1::int
       FROM report t WHERE t.id = $2::uuid AND c.register = t.register AND c.year = t.register_year`,
      [count - 1, reportId],
    );
    await tx.query(
      `INSERT INTO report_event (report_id, kind, to_status, actor, at)
       SELECT id::uuid, 'submitted', 'submitted', 'reporter', $2 FROM unnest($1::text[]) id`,
      [copyIds, now],
    );
    await tx.query(
      `INSERT INTO outbox (topic, aggregate_id) SELECT 'report.submitted', id FROM unnest($1::text[]) id`,
      [copyIds],
    );
    await tx.query(
      `INSERT INTO outbound_message (channel, reporter_id, purpose, report_id, payload_enc, status, sent_at)
       SELECT 'telegram', $1::uuid, 'receipt', id::uuid, $2, 'sent', $3 FROM unnest($4::text[]) id`,
      [reporterId, protection.cipher.encrypt('{}'), now, ids],
    );
    return ids;
  });
}
