import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleUser } from '../../../src/casework/access/console-user.ts';
import { sessionCookieName } from '../../../src/casework/console/console-http.ts';
import { recordVksNotice } from '../../../src/casework/notices/record-vks-notice.ts';
import { sendReceiptNotices } from '../../../src/casework/notices/send-receipt-notices.ts';
import { applyCaseAction, type CaseWriter } from '../../../src/casework/reports/apply-case-action.ts';
import type { OutboundPayload } from '../../../src/citizen/channels/outbound-payload.ts';
import { statusLines } from '../../../src/citizen/flows/status-flow.ts';
import { readReportStatus } from '../../../src/intake/register/read-report-status.ts';
import { inTransaction } from '../../../src/platform/database/create-pg-pool.ts';
import { translate } from '../../../src/platform/text/translate.ts';
import {
  type ConsoleHarness,
  startConsoleHarness,
  type TestOfficer,
  triageSettings,
} from '../../support/console-harness.ts';

let harness: ConsoleHarness;
let lead: TestOfficer;
let leadUser: ConsoleUser;
let unitId: string;

/** Thu 10 Dec 2026, 10:00 in Hà Nội: the reports of the hand-worked cases arrive then. */
const received = new Date('2026-12-10T03:00:00Z');

const writerAt = (at: Date): CaseWriter => ({
  pool: harness.pool,
  context: { calendar: triageSettings.calendar, rules: triageSettings.deadlineRules },
  clock: () => at,
  cipher: harness.web.app.protection.cipher,
});
const act = async (reportId: string, at: Date, action: Record<string, unknown>) => {
  const { rows } = await harness.pool.query<{ version: number }>('SELECT version FROM report WHERE id = $1', [
    reportId,
  ]);
  const result = await applyCaseAction(writerAt(at), leadUser, reportId, rows[0]?.version ?? 0, action);
  if (!('applied' in result)) throw new Error(`${String(action.type)} refused: ${result.refused}`);
};
const vksNotices = async (reportId: string) =>
  (
    await harness.pool.query<{
      kind: string;
      due_at: Date | null;
      sent_at: Date | null;
      lapsed_at: Date | null;
    }>(
      `SELECT kind, due_at, sent_at, lapsed_at FROM report_notice
        WHERE report_id = $1 AND recipient = 'vks' ORDER BY created_at, id`,
      [reportId],
    )
  ).rows;
const reporterNotices = async (reportId: string) =>
  (
    await harness.pool.query<{ kind: string; channel: string; sent_at: Date | null; shown_at: Date | null }>(
      `SELECT kind, channel, sent_at, shown_at FROM report_notice
        WHERE report_id = $1 AND recipient = 'reporter' ORDER BY created_at, id`,
      [reportId],
    )
  ).rows;
const noticeMessages = async (reportId: string) => {
  const { rows } = await harness.pool.query<{ payload_enc: Buffer }>(
    `SELECT o.payload_enc FROM outbound_message o JOIN report r ON r.reporter_id = o.reporter_id
      WHERE r.id = $1 AND o.purpose = 'report_notice' ORDER BY o.id`,
    [reportId],
  );
  return rows.map((row) => {
    const payload = JSON.parse(harness.web.app.protection.cipher.decrypt(row.payload_enc)) as OutboundPayload;
    return payload.type === 'reply' ? payload.reply.text : '';
  });
};

beforeAll(async () => {
  harness = await startConsoleHarness();
  const [probe = ''] = await harness.seedReports(1, undefined, received);
  unitId =
    (await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [probe]))
      .rows[0]?.unit_id ?? '';
  lead = await harness.enrol({
    username: 'lead-notices',
    role: 'unit_lead',
    unitId,
    displayName: 'Lê Văn Trưởng',
  });
  leadUser = {
    officerId: lead.id,
    username: lead.username,
    displayName: lead.displayName,
    role: 'unit_lead',
    unitId,
    units: [unitId],
    sessionId: '00000000-0000-4000-8000-000000000002',
  };
  await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, received, 100);
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

describe('the due times of the procuracy notices', () => {
  it('count each kind as the law does, from the hand-worked cases', async () => {
    const [id = ''] = await harness.seedReports(1, undefined, received);
    await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, received, 100);
    await act(id, new Date('2026-12-10T05:00:00Z'), { type: 'classify', outcome: 'in_competence' });
    await act(id, new Date('2026-12-10T06:00:00Z'), { type: 'accept' });
    // Suspended Sun 20 Dec 2026 09:30 (Hà Nội): 24 h, to the minute → Mon 21 Dec 09:30.
    await act(id, new Date('2026-12-20T02:30:00Z'), {
      type: 'decide',
      decision: 'suspend',
      legalGround: 'Điều 148 khoản 1 điểm a',
      reasons: 'Chờ kết quả giám định',
    });
    // Resumed Tue 22 Dec 17:00: 3 days from the day after (23, 24, 25) end at 24:00 Fri 25 Dec.
    await act(id, new Date('2026-12-22T10:00:00Z'), { type: 'resume', reason: 'Đã có kết quả giám định' });
    // Prosecuted Mon 28 Dec 08:00: 24 h → Tue 29 Dec 08:00.
    await act(id, new Date('2026-12-28T01:00:00Z'), {
      type: 'decide',
      decision: 'prosecute',
      legalGround: 'Điều 143',
    });
    expect((await vksNotices(id)).map((n) => [n.kind, n.due_at?.toISOString()])).toEqual([
      // Received Thu 10 Dec: 3 working days from the day after: Fri 11, (weekend), Mon 14, Tue 15
      // → 24:00 Tue 15 Dec in Hà Nội, which the counting stores as its last millisecond.
      ['receipt_notice', '2026-12-15T16:59:59.999Z'],
      ['notify_suspension', '2026-12-21T02:30:00.000Z'],
      ['notify_resumption', '2026-12-25T16:59:59.999Z'],
      ['notify_prosecution_decision', '2026-12-29T01:00:00.000Z'],
    ]);
  });

  it('makes the extension request due at the extended limit, and a decision lets it lapse', async () => {
    const [id = ''] = await harness.seedReports(1, undefined, received);
    await act(id, new Date('2026-12-10T05:00:00Z'), { type: 'classify', outcome: 'in_competence' });
    await act(id, new Date('2026-12-10T06:00:00Z'), { type: 'accept' });
    await act(id, new Date('2026-12-20T02:00:00Z'), { type: 'extend', reason: 'Phải xác minh ở nhiều tỉnh' });
    // 2 months from receipt end on 10 Feb 2027, in the Tết break (4–10 Feb, assumed): the next
    // working day, Thu 11 Feb, to 24:00.
    const [request] = (await vksNotices(id)).filter((n) => n.kind === 'vks_extension_request');
    expect(request?.due_at?.toISOString()).toBe('2027-02-11T16:59:59.999Z');
    await act(id, new Date('2027-01-05T02:00:00Z'), {
      type: 'decide',
      decision: 'no_prosecute',
      legalGround: 'Điều 157 khoản 1',
      reasons: 'Không có sự việc phạm tội',
    });
    const [after] = (await vksNotices(id)).filter((n) => n.kind === 'vks_extension_request');
    expect(after?.lapsed_at?.toISOString()).toBe('2027-01-05T02:00:00.000Z');
  });
});

describe('the receipt notice to the reporter', () => {
  it('is sent to an open chat once the report is triaged, and recorded with its channel and time', async () => {
    const [id = ''] = await harness.seedReports(1);
    expect(await reporterNotices(id)).toEqual([]);
    const now = new Date();
    await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, now, 100);
    expect(await reporterNotices(id)).toEqual([
      { kind: 'receipt', channel: 'telegram', sent_at: now, shown_at: null },
    ]);
    const [text = ''] = await noticeMessages(id);
    const { rows } = await harness.pool.query<{ register_number: string; description: string }>(
      'SELECT register_number, description FROM report WHERE id = $1',
      [id],
    );
    expect(text).toContain('Thông báo tiếp nhận');
    expect(text).toContain(rows[0]?.register_number);
    expect(text).not.toContain(rows[0]?.description);
    // Written once: a second round finds nothing owed.
    expect(await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, now, 100)).toBe(0);
  });

  it('is recorded as not delivered when the Zalo OA window is closed, and shown at the status check', async () => {
    const [id = ''] = await harness.seedReports(1);
    await harness.pool.query(
      `UPDATE reporter SET channel = 'zalo_oa', last_interaction_at = now() - interval '8 days'
        WHERE id = (SELECT reporter_id FROM report WHERE id = $1)`,
      [id],
    );
    await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, new Date(), 100);
    expect(await reporterNotices(id)).toMatchObject([
      { kind: 'receipt', channel: 'zalo_oa', sent_at: null, shown_at: null },
    ]);
    expect(await noticeMessages(id)).toEqual([]);

    const checkedAt = new Date();
    const view = await inTransaction(harness.pool, {}, (tx) => readReportStatus(tx, id, checkedAt));
    const shown = statusLines(view, 'vi')
      .map((line) => translate('vi', line))
      .join('\n');
    expect(shown).toContain('Thông báo tiếp nhận');
    expect(shown).toContain(view.registerNumber);
    expect(await reporterNotices(id)).toMatchObject([{ sent_at: null, shown_at: checkedAt }]);
    // Shown once: the next check does not repeat it.
    const again = await inTransaction(harness.pool, {}, (tx) => readReportStatus(tx, id, new Date()));
    expect(again.notices).toEqual([]);
  });
});

describe('decision notices to the reporter', () => {
  it('follow each decision in its transaction, with the reasons, the right to complain and where a transfer went', async () => {
    const ids = await harness.seedReports(4);
    const [noProsecute = '', administrative = '', transfer = '', suspendResume = ''] = ids;
    const now = new Date();
    for (const id of [noProsecute, administrative, suspendResume]) {
      await act(id, now, { type: 'classify', outcome: 'in_competence' });
      await act(id, now, { type: 'accept' });
    }
    await act(noProsecute, now, {
      type: 'decide',
      decision: 'no_prosecute',
      legalGround: 'Điều 157 khoản 1',
      reasons: 'Hành vi không cấu thành tội phạm',
    });
    await act(administrative, now, {
      type: 'decide',
      decision: 'administrative',
      legalGround: 'Điều 158',
      reasons: 'Chuyển xử phạt vi phạm hành chính',
    });
    await act(transfer, now, {
      type: 'classify',
      outcome: 'not_in_competence',
      receivingBody: 'Công an tỉnh Bắc Ninh',
      reason: 'Sự việc xảy ra tại Bắc Ninh',
    });
    await act(suspendResume, now, { type: 'decide', decision: 'suspend', legalGround: 'Điều 148' });
    await act(suspendResume, new Date(now.getTime() + 1000), { type: 'resume', reason: 'Có tình tiết mới' });

    const [noProsecuteText = ''] = await noticeMessages(noProsecute);
    expect(noProsecuteText).toContain('không khởi tố');
    expect(noProsecuteText).toContain('Lý do: Hành vi không cấu thành tội phạm');
    expect(noProsecuteText).toContain('quyền khiếu nại');
    expect(noProsecuteText).not.toContain(lead.displayName);
    expect((await noticeMessages(administrative))[0]).toContain('xử lý hành chính');
    expect((await noticeMessages(transfer))[0]).toContain('Công an tỉnh Bắc Ninh');
    const suspendTexts = await noticeMessages(suspendResume);
    expect(suspendTexts.map((t) => t.split(':')[0])).toHaveLength(2);
    expect(suspendTexts[0]).toContain('tạm đình chỉ');
    expect(suspendTexts[1]).toContain('phục hồi');
    expect((await reporterNotices(suspendResume)).map((n) => n.kind)).toEqual(['suspend', 'resume']);
  });
});

describe('recording a procuracy notice', () => {
  it('clears the due item and the report’s notice limit, so the queue’s next due time moves', async () => {
    const [id = ''] = await harness.seedReports(1);
    const now = new Date();
    await act(id, now, { type: 'classify', outcome: 'in_competence' });
    await act(id, now, { type: 'accept' });
    await act(id, now, { type: 'decide', decision: 'prosecute', legalGround: 'Điều 143' });
    const before = (
      await harness.pool.query<{ notice_due_at: Date | null; next_due_at: Date | null }>(
        'SELECT notice_due_at, next_due_at FROM report WHERE id = $1',
        [id],
      )
    ).rows[0];
    expect(before?.notice_due_at).not.toBeNull();
    expect(before?.next_due_at).toEqual(before?.notice_due_at);

    const result = await recordVksNotice(
      harness.pool,
      leadUser,
      id,
      {
        kind: 'notify_prosecution_decision',
        sentAt: now.toISOString(),
        reference: '12/QĐ-CQĐT',
        method: 'electronic',
      },
      now,
    );
    expect(result).toMatchObject({ recorded: { clearedDue: true } });
    const [notice] = (await vksNotices(id)).filter((n) => n.kind === 'notify_prosecution_decision');
    expect(notice?.sent_at).toEqual(now);
    const after = (
      await harness.pool.query<{
        notice_due_at: Date | null;
        next_due_at: Date | null;
        decision_due_at: Date | null;
      }>('SELECT notice_due_at, next_due_at, decision_due_at FROM report WHERE id = $1', [id])
    ).rows[0];
    expect(after?.notice_due_at).toBeNull();
    expect(after?.next_due_at).toBeNull();
  });

  it('refuses a send in the future and another role, and shows an overdue notice red on the report and the queue', async () => {
    const [id = ''] = await harness.seedReports(1);
    const now = new Date();
    const future = await recordVksNotice(
      harness.pool,
      leadUser,
      id,
      {
        kind: 'receipt_notice',
        sentAt: new Date(now.getTime() + 3600_000).toISOString(),
        reference: '1',
        method: 'post',
      },
      now,
    );
    expect(future).toMatchObject({ refused: 'invalid' });
    const supervisor = await recordVksNotice(
      harness.pool,
      { ...leadUser, role: 'supervisor' },
      id,
      { kind: 'receipt_notice', sentAt: now.toISOString(), reference: '1', method: 'post' },
      now,
    );
    expect(supervisor).toEqual({ refused: 'forbidden' });

    // A receipt notice whose limit passed an hour ago and was never recorded.
    await harness.pool.query(
      `INSERT INTO report_notice (id, report_id, recipient, kind, due_at) VALUES (gen_random_uuid(), $1, 'vks', 'receipt_notice', now() - interval '1 hour')`,
      [id],
    );
    const client = await harness.login(lead);
    const page = await client.get(`/console/reports/${id}`);
    expect(page.body).toMatch(/class="overdue"><strong>Quá hạn<\/strong>/);
    const register =
      (
        await harness.pool.query<{ register_number: string }>(
          'SELECT register_number FROM report WHERE id = $1',
          [id],
        )
      ).rows[0]?.register_number ?? '';
    const queue = await client.get('/console?status=submitted');
    const row = queue.body.split('<tr>').find((r) => r.includes(register)) ?? '';
    expect(row).toContain('Thông báo VKS quá hạn');

    // Recorded through the console's form (Vietnam's local time), the overdue mark goes.
    const local = new Date(Date.now() + 7 * 3600_000 - 60_000).toISOString().slice(0, 16);
    const recorded = await client.post(`/console/reports/${id}/vks-notices`, {
      kind: 'receipt_notice',
      sentAt: local,
      reference: '7/TB-CQĐT',
      method: 'in_person',
    });
    expect(recorded.status).toBe(303);
    const left = (await vksNotices(id)).filter((n) => n.kind === 'receipt_notice' && n.sent_at === null);
    expect(left).toEqual([]);
    const queueAfter = await client.get('/console?status=submitted');
    expect(queueAfter.body.split('<tr>').find((r) => r.includes(register))).not.toContain(
      'Thông báo VKS quá hạn',
    );
  });
});

describe('the notice log export', () => {
  it('is UTF-8 CSV with a BOM, its cells guarded against formulas, and no reporter identity', async () => {
    const [id = ''] = await harness.seedReports(1, {
      provinceCode: '01',
      wardCode: '00004',
      anonymity: 'confidential',
      phone: '0912345678',
    });
    await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, new Date(), 100);
    await recordVksNotice(
      harness.pool,
      leadUser,
      id,
      {
        kind: 'receipt_notice',
        sentAt: new Date().toISOString(),
        reference: '=HYPERLINK("http://x")',
        method: 'post',
      },
      new Date(),
    );
    const client = await harness.login(lead);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    // The raw bytes: a decoder would drop the BOM.
    const response = await fetch(
      new URL(`/console/notices.csv?from=2026-12-01&to=${today}`, harness.baseUrl),
      {
        headers: { cookie: `${sessionCookieName}=${client.cookie(sessionCookieName)}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const answer = { body: bytes.subarray(3).toString('utf8') };
    const lines = answer.body.split('\r\n');
    expect(lines[0]).toBe(
      'register_number,unit,recipient,kind,channel,due_at,sent_at,shown_at,lapsed_at,reference,created_at',
    );
    expect(answer.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(answer.body).not.toContain(',=HYPERLINK');
    const { rows } = await harness.pool.query<{
      register_number: string;
      reporter_id: string;
      description: string;
    }>('SELECT register_number, reporter_id, description FROM report WHERE id = $1', [id]);
    expect(answer.body).toContain(rows[0]?.register_number);
    expect(answer.body).not.toContain(rows[0]?.reporter_id);
    expect(answer.body).not.toContain(rows[0]?.description);
    expect(answer.body).not.toContain('0912345678');
    expect(answer.body).not.toContain('912345678');
  });
});
