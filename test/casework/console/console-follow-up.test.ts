import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';
import { loadTriageRules } from '../../../src/triage/rules/load-triage-rules.ts';
import { triageSubmittedReports } from '../../../src/triage/triage-submitted-report.ts';
import { crimeTip, ScriptRun } from '../../parity/parity-scripts.ts';
import { webChatParityChat } from '../../parity/web-chat-parity-channel.ts';
import { type ConsoleHarness, startConsoleHarness } from '../../support/console-harness.ts';
import { WebChatClient } from '../../support/web-chat-client.ts';

let harness: ConsoleHarness;

beforeAll(async () => {
  harness = await startConsoleHarness();
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

const officerName = 'Nguyễn Văn Điều Tra';
const question = 'Người bán thường đứng ở cổng nào?';
const answer = 'Cổng phụ phía đường Lý Thường Kiệt, khoảng 21 giờ.';

describe('a question from the console to a web chat reporter and back', () => {
  it('reaches the chat with the register number and the unit, and the answer shows on the report page', async () => {
    const chat = await new WebChatClient(harness.baseUrl).startSession();
    const run = new ScriptRun(webChatParityChat(chat));
    await crimeTip(run);
    const register = run.outcome.registerNumbers[0] ?? '';
    const { rows } = await harness.pool.query<{ id: string }>(
      'SELECT id FROM report WHERE register_number = $1',
      [register],
    );
    const reportId = rows[0]?.id ?? '';
    await triageSubmittedReports(
      harness.pool,
      {
        rules: loadTriageRules(),
        deadlineRules: loadDeadlineRules(),
        calendar: createVietnamCalendar(loadPublicHolidays()),
        defaultProvinceCode: '01',
      },
      [reportId],
      new Date(),
    );
    const { rows: units } = await harness.pool.query<{ unit_id: string; name: string }>(
      'SELECT r.unit_id, u.name FROM report r JOIN police_unit u ON u.id = r.unit_id WHERE r.id = $1',
      [reportId],
    );
    const unit = units[0];
    if (!unit) throw new Error('the tip was not routed');
    const officer = await harness.enrol({
      username: 'officer-followup',
      role: 'officer',
      unitId: unit.unit_id,
      displayName: officerName,
    });
    const client = await harness.login(officer);
    await client.get(`/console/reports/${reportId}`);
    expect((await client.post(`/console/reports/${reportId}/questions`, { text: question })).status).toBe(
      200,
    );

    // The page fetches its own replies: the question is there at the next fetch.
    const delivered = await chat.collect();
    const shown = delivered.map((d) => d.reply.text).join('\n');
    expect(shown).toContain(register);
    expect(shown).toContain(unit.name);
    expect(shown).toContain(question);
    expect(shown).not.toContain(officerName);
    expect(shown).not.toContain(officer.username);

    // Answered at the menu, without the receipt code.
    const replies = (await chat.text(answer)).map((d) => d.reply.text).join('\n');
    expect(replies).toContain('Đã bổ sung vào tin báo');
    const { rows: thread } = await harness.pool.query<{ direction: string; text: string; answered: boolean }>(
      `SELECT direction, text, answered_at IS NOT NULL AS answered FROM follow_up
        WHERE report_id = $1 ORDER BY created_at, id`,
      [reportId],
    );
    expect(thread).toEqual([
      { direction: 'to_reporter', text: question, answered: true },
      { direction: 'from_reporter', text: answer, answered: false },
    ]);

    // The unit's queue marks the report until an officer of the unit opens it.
    const badge = (body: string) => new RegExp(`${reportId}">[^<]+</a> <span class="badge">`).test(body);
    expect(badge((await client.get('/console')).body)).toBe(true);
    const page = await client.get(`/console/reports/${reportId}`);
    expect(badge((await client.get('/console')).body)).toBe(false);
    expect(page.body).toContain(answer);
    expect(page.body).toContain('Đã trả lời');
    // The officer sees no chat id of the reporter.
    const { rows: reporter } = await harness.pool.query<{ chat_id_enc: Buffer }>(
      'SELECT p.chat_id_enc FROM reporter p JOIN report r ON r.reporter_id = p.id WHERE r.id = $1',
      [reportId],
    );
    const chatId = harness.web.app.protection.cipher.decrypt(reporter[0]?.chat_id_enc ?? Buffer.alloc(0));
    expect(chatId).not.toBe('');
    expect(page.body).not.toContain(chatId);
  }, 120_000);
});
