import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReceiptNotices } from '../../../src/casework/notices/send-receipt-notices.ts';
import { triageSubmittedReports } from '../../../src/triage/triage-submitted-report.ts';
import { crimeTip, ScriptRun } from '../../parity/parity-scripts.ts';
import { webChatParityChat } from '../../parity/web-chat-parity-channel.ts';
import { type ConsoleHarness, startConsoleHarness, triageSettings } from '../../support/console-harness.ts';
import { WebChatClient } from '../../support/web-chat-client.ts';

let harness: ConsoleHarness;

beforeAll(async () => {
  harness = await startConsoleHarness();
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

const leadName = 'Phạm Thị Trưởng Đơn Vị';

describe('notices reach a web chat reporter', () => {
  it('the receipt notice once triaged, and the decision the unit lead takes in the console', async () => {
    const chat = await new WebChatClient(harness.baseUrl).startSession();
    const run = new ScriptRun(webChatParityChat(chat));
    await crimeTip(run);
    const register = run.outcome.registerNumbers[0] ?? '';
    const { rows } = await harness.pool.query<{ id: string; description: string }>(
      'SELECT id, description FROM report WHERE register_number = $1',
      [register],
    );
    const reportId = rows[0]?.id ?? '';
    await triageSubmittedReports(harness.pool, triageSettings, [reportId], new Date());
    await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, new Date(), 100);
    const receipt = (await chat.collect()).map((d) => d.reply.text).join('\n');
    expect(receipt).toContain('Thông báo tiếp nhận');
    expect(receipt).toContain(register);

    const { rows: units } = await harness.pool.query<{ unit_id: string; name: string }>(
      'SELECT r.unit_id, u.name FROM report r JOIN police_unit u ON u.id = r.unit_id WHERE r.id = $1',
      [reportId],
    );
    const unit = units[0];
    if (!unit) throw new Error('the tip was not routed');
    const lead = await harness.enrol({
      username: 'lead-web-notices',
      role: 'unit_lead',
      unitId: unit.unit_id,
      displayName: leadName,
    });
    const client = await harness.login(lead);
    const actOn = async (type: string, fields: Record<string, string>) => {
      const page = await client.get(`/console/reports/${reportId}`);
      const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
      const answer = await client.post(`/console/reports/${reportId}/actions/${type}`, {
        version,
        ...fields,
      });
      expect(answer.status, type).toBe(303);
    };
    await actOn('classify', { outcome: 'in_competence' });
    await actOn('accept', {});
    await actOn('decide', {
      decision: 'no_prosecute',
      legalGround: 'Điều 157 khoản 1',
      reasons: 'Sự việc không có dấu hiệu tội phạm',
    });

    const shown = (await chat.collect()).map((d) => d.reply.text).join('\n');
    expect(shown).toContain(register);
    expect(shown).toContain(unit.name);
    expect(shown).toContain('không khởi tố');
    expect(shown).toContain('Lý do: Sự việc không có dấu hiệu tội phạm');
    expect(shown).toContain('quyền khiếu nại');
    expect(shown).not.toContain(leadName);
    expect(shown).not.toContain(lead.username);
    expect(shown).not.toContain(rows[0]?.description);

    // The report page shows what the reporter was sent, and the procuracy notice now due.
    const page = await client.get(`/console/reports/${reportId}`);
    expect(page.body).toContain('Thông báo không khởi tố (kèm lý do)');
    expect(page.body).toContain('Quyết định không khởi tố');
  }, 120_000);
});
