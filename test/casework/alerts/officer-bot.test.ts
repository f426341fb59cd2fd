import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramUpdateBuilder } from '../../fakes/telegram-updates.ts';
import { type ConsoleHarness, startConsoleHarness } from '../../support/console-harness.ts';

const officerSecret = 'officer_bot_secret_0123456789';
let harness: ConsoleHarness;

/** POSTs an update to a webhook as Telegram does and reads the call its 200 carries. */
async function post(
  path: string,
  secret: string,
  update: unknown,
): Promise<{ status: number; answer: unknown }> {
  const response = await fetch(`${harness.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(update),
  });
  return { status: response.status, answer: await response.json() };
}

beforeAll(async () => {
  harness = await startConsoleHarness({
    TELEGRAM_BOT_TOKEN: '1:citizen-bot',
    TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    OFFICER_TELEGRAM_BOT_TOKEN: '2:officer-bot',
    OFFICER_TELEGRAM_WEBHOOK_SECRET: officerSecret,
  });
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

describe('a separate officer bot', () => {
  it('takes every update of its own webhook, behind its own secret, and leaves the citizens’ bot to citizens', async () => {
    const [report = ''] = await harness.seedReports(1);
    const unit = await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [
      report,
    ]);
    const officer = await harness.enrol({
      username: 'bot.officer',
      role: 'officer',
      unitId: unit.rows[0]?.unit_id ?? null,
    });
    const phone = new TelegramUpdateBuilder({
      firstUpdateId: 9_000_001,
      user: { id: 6_200_000_001, language_code: 'en' },
    });

    expect(
      (await post('/webhooks/telegram-officer', 'wrong_secret_0123456789', phone.text('hello'))).status,
    ).toBe(403);
    const help = await post('/webhooks/telegram-officer', officerSecret, phone.text('hello'));
    expect(help).toMatchObject({
      status: 200,
      answer: { method: 'sendMessage', text: expect.stringContaining('/link CODE') },
    });

    const client = await harness.login(officer);
    await client.get('/console/telegram');
    const code = /\/link ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(
      (await client.post('/console/telegram/code')).body,
    )?.[1];
    // The code sent to the citizens' bot is a citizen's message there: the officer side does not take it.
    const citizen = await post(
      '/webhooks/telegram',
      harness.web.config.TELEGRAM_WEBHOOK_SECRET ?? '',
      phone.text(`/link ${code}`),
    );
    expect(citizen.status).toBe(200);
    expect(JSON.stringify(citizen.answer)).not.toContain('Linked');
    const linked = await post('/webhooks/telegram-officer', officerSecret, phone.text(`/link ${code}`));
    expect(linked.answer).toMatchObject({ method: 'sendMessage', text: expect.stringContaining('Linked.') });
    const { rows } = await harness.pool.query<{ bot: string; language: string }>(
      'SELECT bot, language FROM officer_telegram_link WHERE officer_id = $1',
      [officer.id],
    );
    expect(rows).toEqual([{ bot: 'officer', language: 'en' }]);
  });
});
