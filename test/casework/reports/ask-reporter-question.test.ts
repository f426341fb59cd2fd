import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleUser } from '../../../src/casework/access/console-user.ts';
import { askReporterQuestion } from '../../../src/casework/reports/ask-reporter-question.ts';
import type { OutboundPayload } from '../../../src/citizen/channels/outbound-payload.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';

let harness: ConsoleHarness;
let ours: string[];
let theirs: string[];
let officer: TestOfficer;
let supervisorUser: ConsoleUser;
let officerUser: ConsoleUser;

const question = 'Người bán có đi cùng ai không?';

const outboundOf = async (reportId: string) => {
  const { rows } = await harness.pool.query<{
    purpose: string;
    report_id: string | null;
    payload_enc: Buffer;
  }>(
    `SELECT o.purpose, o.report_id, o.payload_enc FROM outbound_message o
       JOIN report r ON r.reporter_id = o.reporter_id WHERE r.id = $1 AND o.purpose = 'officer_question'`,
    [reportId],
  );
  return rows.map((row) => ({
    ...row,
    payload: JSON.parse(harness.web.app.protection.cipher.decrypt(row.payload_enc)) as OutboundPayload,
  }));
};
const trailOf = async (reportId: string) => {
  const events = await harness.pool.query<{ kind: string; actor: string; detail: unknown }>(
    `SELECT kind, actor, detail FROM report_event WHERE report_id = $1 AND kind = 'question_asked'`,
    [reportId],
  );
  const audits = await harness.pool.query<{ action: string; detail: unknown }>(
    `SELECT action, detail FROM audit_entry WHERE report_id = $1 AND action = 'report.question'`,
    [reportId],
  );
  const followUps = await harness.pool.query<{ id: string; text: string; notified_at: Date | null }>(
    `SELECT id, text, notified_at FROM follow_up WHERE report_id = $1 AND direction = 'to_reporter'`,
    [reportId],
  );
  return { events: events.rows, audits: audits.rows, followUps: followUps.rows };
};

beforeAll(async () => {
  harness = await startConsoleHarness();
  ours = await harness.seedReports(3);
  theirs = await harness.seedReports(1, { provinceCode: '79' });
  const unitId =
    (await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [ours[0]]))
      .rows[0]?.unit_id ?? '';
  officer = await harness.enrol({
    username: 'officer-q',
    role: 'officer',
    unitId,
    displayName: 'Trần Văn Hỏi',
  });
  const base = { username: 'x', displayName: 'x', unitId, sessionId: '00000000-0000-4000-8000-000000000001' };
  officerUser = { ...base, officerId: officer.id, role: 'officer', units: [unitId] };
  supervisorUser = { ...base, officerId: officer.id, role: 'supervisor', units: [unitId] };
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

const writer = (now = new Date()) => ({ pool: harness.pool, cipher: harness.web.app.protection.cipher, now });

describe('an officer asks the reporter a question', () => {
  it('sends it to an open chat with the register number and the unit, never the officer or the tip', async () => {
    const reportId = ours[0] ?? '';
    const client = await harness.login(officer);
    await client.get(`/console/reports/${reportId}`);
    const answer = await client.post(`/console/reports/${reportId}/questions`, { text: ` ${question} ` });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Đã gửi câu hỏi tới cuộc trò chuyện của người báo tin.');
    expect(answer.body).toContain(question);
    const trail = await trailOf(reportId);
    expect(trail.followUps).toHaveLength(1);
    expect(trail.followUps[0]?.text).toBe(question);
    expect(trail.followUps[0]?.notified_at).not.toBeNull();
    const followUpId = trail.followUps[0]?.id;
    expect(trail.events).toEqual([
      { kind: 'question_asked', actor: `officer:${officer.id}`, detail: { followUpId } },
    ]);
    expect(trail.audits).toEqual([{ action: 'report.question', detail: { followUpId, delivery: 'sent' } }]);
    const [register, description, unitName] =
      (
        await harness.pool.query<{ register_number: string; description: string; name: string }>(
          'SELECT r.register_number, r.description, u.name FROM report r JOIN police_unit u ON u.id = r.unit_id WHERE r.id = $1',
          [reportId],
        )
      ).rows.map((r) => [r.register_number, r.description, r.name])[0] ?? [];
    const sent = await outboundOf(reportId);
    expect(sent).toHaveLength(1);
    const text = sent[0]?.payload.type === 'reply' ? sent[0].payload.reply.text : '';
    expect(text).toContain(register);
    expect(text).toContain(unitName);
    expect(text).toContain(question);
    expect(text).not.toContain(officer.displayName);
    expect(text).not.toContain(officer.username);
    expect(text).not.toContain(description);
  });

  it('lets a second question follow the first (the outbound row names no report)', async () => {
    const reportId = ours[0] ?? '';
    const result = await askReporterQuestion(writer(), officerUser, reportId, 'Và xe máy màu gì?');
    expect(result).toMatchObject({ asked: { delivery: 'sent' } });
    expect(await outboundOf(reportId)).toHaveLength(2);
  });

  it('keeps the question for the status check when the Zalo OA window has closed', async () => {
    const reportId = ours[1] ?? '';
    await harness.pool.query(
      `UPDATE reporter SET channel = 'zalo_oa', last_interaction_at = now() - interval '8 days'
        WHERE id = (SELECT reporter_id FROM report WHERE id = $1)`,
      [reportId],
    );
    const client = await harness.login(officer);
    await client.get(`/console/reports/${reportId}`);
    const answer = await client.post(`/console/reports/${reportId}/questions`, { text: question });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Chờ lần tra cứu tình trạng tiếp theo của người báo tin');
    expect(await outboundOf(reportId)).toEqual([]);
    const trail = await trailOf(reportId);
    expect(trail.followUps[0]?.notified_at).toBeNull();
    expect(trail.audits[0]?.detail).toMatchObject({ delivery: 'waiting' });
    // The page says so again when read later.
    expect((await client.get(`/console/reports/${reportId}`)).body).toContain('Chờ lần tra cứu tình trạng');
  });

  it('writes to a Zalo OA chat still inside its 7 days', async () => {
    const reportId = ours[2] ?? '';
    await harness.pool.query(
      `UPDATE reporter SET channel = 'zalo_oa', last_interaction_at = now() - interval '6 days 23 hours'
        WHERE id = (SELECT reporter_id FROM report WHERE id = $1)`,
      [reportId],
    );
    expect(await askReporterQuestion(writer(), officerUser, reportId, question)).toMatchObject({
      asked: { delivery: 'sent' },
    });
    expect(await outboundOf(reportId)).toHaveLength(1);
  });

  it('answers 404 for another unit, 403 for a supervisor, 422 for an empty question, writing nothing', async () => {
    const before = await trailOf(ours[2] ?? '');
    expect(await askReporterQuestion(writer(), officerUser, theirs[0] ?? '', question)).toEqual({
      refused: 'not_found',
    });
    expect(await askReporterQuestion(writer(), supervisorUser, ours[2] ?? '', question)).toEqual({
      refused: 'forbidden',
    });
    expect(await askReporterQuestion(writer(), officerUser, ours[2] ?? '', '  \n\t ')).toEqual({
      refused: 'invalid',
    });
    expect(await askReporterQuestion(writer(), officerUser, ours[2] ?? '', 'x'.repeat(2001))).toEqual({
      refused: 'invalid',
    });
    expect(await trailOf(ours[2] ?? '')).toEqual(before);
    expect(await trailOf(theirs[0] ?? '')).toEqual({ events: [], audits: [], followUps: [] });
  });
});
