import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { demoPassword, demoTotpSecret } from '../../../src/casework/demo/demo-officers.ts';
import { answerTip, quickTip, ScriptRun } from '../../parity/parity-scripts.ts';
import { webChatParityChat } from '../../parity/web-chat-parity-channel.ts';
import { ConsoleClient } from '../../support/console-client.ts';
import { newDemoDatabaseUrl, spawnDemo } from '../../support/demo-session.ts';
import { eventually } from '../../support/eventually.ts';
import { totpCodeFor } from '../../support/totp-code.ts';
import { killAllWatched } from '../../support/watched-process.ts';
import { WebChatClient } from '../../support/web-chat-client.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const database = newDemoDatabaseUrl();

afterAll(async () => {
  await killAllWatched();
  await database.drop();
});

describe("the demo's officer console", () => {
  it('lets a newcomer carry a tip they just sent through the web chat to a decision, as the demo officer and lead', {
    timeout: 240_000,
  }, async () => {
    const demo = spawnDemo(root, {
      DATABASE_URL: database.url,
      PORT: '0',
      QUEUE_PREFIX: `demo-console-${process.pid}`,
    });
    try {
      const line = await demo.waitForLine((l) => /^Officer console: open https?:\/\//.test(l), 180_000);
      const console = new URL(
        line
          .replace(/^Officer console: open /, '')
          .trim()
          .replace('localhost', '127.0.0.1'),
      );
      expect(demo.output()).toContain('npm run demo:code');

      // The tip, through the web chat as the page speaks it: no place given, so Hà Nội's police.
      const run = new ScriptRun(webChatParityChat(await new WebChatClient(console.origin).startSession()));
      await answerTip(run, quickTip);
      const [registerNumber] = run.outcome.registerNumbers;
      expect(registerNumber).toBeDefined();

      const db = new pg.Client({ connectionString: database.url });
      await db.connect();
      const reportId = await eventually(
        async () => {
          const { rows } = await db.query<{ id: string }>(
            "SELECT id FROM report WHERE register_number = $1 AND unit_id = 'PROV-01' AND triaged_at IS NOT NULL",
            [registerNumber],
          );
          return rows[0]?.id;
        },
        (id) => id !== undefined,
        30_000,
      );

      const step = Math.floor(Date.now() / 30_000);
      const officer = new ConsoleClient(console.origin);
      expect(
        (await officer.logIn('demo.officer', demoPassword, totpCodeFor(demoTotpSecret, step))).status,
      ).toBe(303);
      const lead = new ConsoleClient(console.origin);
      expect((await lead.logIn('demo.lead', demoPassword, totpCodeFor(demoTotpSecret, step))).status).toBe(
        303,
      );
      expect((await officer.get('/console')).body).toContain(registerNumber);

      const act = async (who: ConsoleClient, type: string, fields: Record<string, string> = {}) => {
        await who.get(`/console/reports/${reportId}`);
        const answer = await who.post(`/console/reports/${reportId}/actions/${type}`, {
          version: who.formToken('version') ?? '',
          ...fields,
        });
        expect(answer.status, `${type}`).toBe(303);
      };
      const due = async () =>
        (
          await db.query<{ next_due_at: Date | null }>('SELECT next_due_at FROM report WHERE id = $1', [
            reportId,
          ])
        ).rows[0]?.next_due_at?.getTime();
      await act(officer, 'assign', {
        assigneeId:
          (await db.query<{ id: string }>("SELECT id FROM officer WHERE username = 'demo.officer'")).rows[0]
            ?.id ?? '',
      });
      await act(officer, 'classify', { outcome: 'in_competence' });
      const afterClassify = await due();
      await act(officer, 'accept');
      await act(officer, 'verify');
      await act(lead, 'extend', { reason: 'Cần xác minh ở nhiều nơi' });
      const afterExtend = await due();
      expect(afterExtend).toBeGreaterThan(afterClassify ?? 0);
      await act(lead, 'decide', { decision: 'prosecute', legalGround: 'Điều 153 BLTTHS 2015' });
      const page = await officer.get(`/console/reports/${reportId}`);
      expect(page.body).toContain('Đã quyết định khởi tố vụ án');
      await db.end();
    } finally {
      await demo.kill('SIGINT');
    }
  });
});
