import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deactivateOfficer } from '../../../src/casework/accounts/deactivate-officer.ts';
import { queueNewInformationAlerts } from '../../../src/casework/alerts/queue-officer-alerts.ts';
import { type AlertSender, sendOfficerAlerts } from '../../../src/casework/alerts/send-officer-alerts.ts';
import { unlinkOfficerTelegram } from '../../../src/casework/alerts/unlink-officer-telegram.ts';
import { sendReceiptNotices } from '../../../src/casework/notices/send-receipt-notices.ts';
import { queueDueReminders } from '../../../src/casework/reminders/queue-due-reminders.ts';
import { defaultReminderSettings } from '../../../src/casework/reminders/reminder-settings.ts';
import { createTelegramApi } from '../../../src/citizen/channels/telegram/telegram-api.ts';
import { deliverUpdate } from '../../fakes/deliver-telegram-update.ts';
import { FakeTelegramServer, type SentMessage } from '../../fakes/fake-telegram-server.ts';
import { TelegramUpdateBuilder } from '../../fakes/telegram-updates.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';

const publicUrl = 'https://tinbao.example.vn';
const tipText = 'Kho hàng cấm ở ngõ 17 — dấu hiệu riêng XK-7731';
const reporterPhone = '0912345678';

let fake: FakeTelegramServer;
let harness: ConsoleHarness;
let webhookUrl: string;
let secret: string;
let sender: AlertSender;
let unitA: string;
let unitB: string;
let adminId: string;
/** Officers of unit A (linked, linked and later deactivated, never linked) and of unit B (linked). */
let a1: TestOfficer;
let a2: TestOfficer;
let a3: TestOfficer;
let b1: TestOfficer;
const phones = new Map<string, TelegramUpdateBuilder>();

let nextUser = 7_100_000_000 + Math.floor(Math.random() * 800_000_000);
const phoneOf = (officer: TestOfficer) => {
  const known = phones.get(officer.id);
  if (known) return known;
  const phone = new TelegramUpdateBuilder({
    firstUpdateId: Math.floor(Math.random() * 1_000_000_000),
    user: { id: nextUser++, language_code: 'vi' },
  });
  phones.set(officer.id, phone);
  return phone;
};
const deliver = (update: unknown) => deliverUpdate(webhookUrl, update, secret, fake);
const lastTo = (phone: TelegramUpdateBuilder): SentMessage | undefined =>
  fake.sentMessages(phone.user.id).at(-1);
const pressAnswers = () => fake.callsOf('answerCallbackQuery').map((c) => c.params);

/** Links an officer's phone the way an officer does: a code from the console, sent to the bot. */
async function link(officer: TestOfficer): Promise<TelegramUpdateBuilder> {
  const client = await harness.login(officer);
  await client.get('/console/telegram');
  const page = await client.post('/console/telegram/code');
  const code = /\/link ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(page.body)?.[1];
  if (!code) throw new Error(`no link code on the page (${page.status})`);
  const phone = phoneOf(officer);
  expect(await deliver(phone.text(`/link ${code}`))).toBe(200);
  return phone;
}

/** Triaged reports of unit A's ward made urgent, taken up the way the worker's notice round does. */
async function urgentReports(count: number): Promise<string[]> {
  const ids = await harness.seedReports(count, {
    provinceCode: '01',
    wardCode: '00004',
    description: tipText,
    anonymity: 'confidential',
    phone: reporterPhone,
  });
  await harness.pool.query('UPDATE report SET priority = 1 WHERE id = ANY($1::uuid[])', [ids]);
  await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, new Date(), 100, {
    urgentPriority: 1,
  });
  return ids;
}

/** The pushes of a report's alerts (alerts of officers without Telegram are for the console only). */
const alertsOf = async (reportId: string) =>
  (
    await harness.pool.query<{ officer_id: string; kind: string; status: string }>(
      `SELECT officer_id, kind, status FROM officer_alert WHERE report_id = $1 AND status IS NOT NULL
        ORDER BY officer_id, kind`,
      [reportId],
    )
  ).rows;

beforeAll(async () => {
  // Without flood limits: the tests send many pushes to a few phones within a second.
  fake = await FakeTelegramServer.start({ rateLimit: false });
  harness = await startConsoleHarness({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    PUBLIC_URL: publicUrl,
  });
  webhookUrl = `${harness.baseUrl}/webhooks/telegram`;
  secret = harness.web.config.TELEGRAM_WEBHOOK_SECRET ?? '';
  sender = {
    pool: harness.pool,
    cipher: harness.web.app.protection.cipher,
    api: createTelegramApi({ token: fake.token, apiRoot: fake.apiRoot }),
    consoleUrl: publicUrl,
    spacingMs: 0,
  };
  const [probe = ''] = await harness.seedReports(1);
  const found = await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [
    probe,
  ]);
  unitA = found.rows[0]?.unit_id ?? '';
  const other = await harness.pool.query<{ id: string }>(
    "SELECT id FROM police_unit WHERE id <> $1 AND level = 'province' ORDER BY id LIMIT 1",
    [unitA],
  );
  unitB = other.rows[0]?.id ?? '';
  const admin = await harness.pool.query<{ id: string }>(
    "SELECT id FROM officer WHERE username = 'harness-admin'",
  );
  adminId = admin.rows[0]?.id ?? '';
  a1 = await harness.enrol({ username: 'alert.a1', role: 'officer', unitId: unitA });
  a2 = await harness.enrol({ username: 'alert.a2', role: 'unit_lead', unitId: unitA });
  a3 = await harness.enrol({ username: 'alert.a3', role: 'officer', unitId: unitA });
  b1 = await harness.enrol({ username: 'alert.b1', role: 'officer', unitId: unitB });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
  await fake?.close();
});

describe('linking a Telegram account', () => {
  it('takes the console’s one-time code once, and stores the account only hashed and encrypted', async () => {
    for (const officer of [a1, a2, b1]) {
      const phone = await link(officer);
      expect(lastTo(phone)?.text).toContain('Đã liên kết');
    }
    const page = await (await harness.login(a1)).get('/console/telegram');
    expect(page.body).toContain('Đã liên kết từ');
    const { rows } = await harness.pool.query<{ user_hash: string; chat_enc: Buffer; bot: string }>(
      'SELECT user_hash, chat_enc, bot FROM officer_telegram_link WHERE officer_id = $1',
      [a1.id],
    );
    const id = String(phoneOf(a1).user.id);
    expect(rows[0]?.bot).toBe('citizen');
    expect(rows[0]?.user_hash).not.toContain(id);
    expect(rows[0]?.chat_enc.toString('latin1')).not.toContain(id);

    // The same code again, from a stranger: refused, and nothing of a citizen's conversation began.
    const client = await harness.login(a3);
    await client.get('/console/telegram');
    const code = /\/link ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(
      (await client.post('/console/telegram/code')).body,
    )?.[1];
    const stranger = phoneOf({ ...a3, id: 'stranger' });
    expect(await deliver(stranger.text(`/link ${code?.toLowerCase()}`))).toBe(200);
    expect(lastTo(stranger)?.text).toContain('Đã liên kết');
    const again = phoneOf({ ...a3, id: 'stranger-2' });
    expect(await deliver(again.text(`/link ${code}`))).toBe(200);
    expect(lastTo(again)?.text).toContain('không đúng hoặc đã hết hạn');
    // a3 is linked now; unlink from the console leaves a3 unlinked for the pushes below.
    expect((await client.post('/console/telegram/unlink')).status).toBe(303);
    const left = await harness.pool.query('SELECT 1 FROM officer_telegram_link WHERE officer_id = $1', [
      a3.id,
    ]);
    expect(left.rowCount).toBe(0);
  });

  it('slows a Telegram account down after five wrong codes in an hour', async () => {
    const guesser = phoneOf({ ...a3, id: 'guesser' });
    for (let i = 0; i < 5; i++) await deliver(guesser.text(`/link AAAA-AAA${i + 2}`));
    // Read the webhook's answer itself, as Telegram gets it.
    const answer = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(guesser.text('/link BBBB-BBBB')),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      method: 'sendMessage',
      text: expect.stringContaining('Quá nhiều lần thử sai'),
    });
  });
});

describe('urgent reports', () => {
  it('reach exactly the linked, active officers of the report’s unit, with no identity and no tip text', async () => {
    const [id = ''] = await urgentReports(1);
    await sendOfficerAlerts(sender, new Date(), 50);
    const register = (
      await harness.pool.query<{ register_number: string }>(
        'SELECT register_number FROM report WHERE id = $1',
        [id],
      )
    ).rows[0]?.register_number;
    const reached = [a1, a2, a3, b1].filter((o) =>
      fake.sentMessages(phoneOf(o).user.id).some((m) => m.text.includes(register ?? '?')),
    );
    expect(reached.map((o) => o.username)).toEqual(['alert.a1', 'alert.a2']);
    const push = fake.sentMessages(phoneOf(a1).user.id).find((m) => m.text.includes(register ?? '?'));
    expect(push?.text).toContain('Tin báo khẩn');
    expect(push?.text).toContain('Trộm cắp');
    expect(push?.text).toContain('Khẩn');
    expect(push?.text).toMatch(/Thời hạn: còn/);
    const body = JSON.stringify(push);
    for (const marker of [tipText, 'XK-7731', reporterPhone, '912345678', a1.displayName, a1.username])
      expect(body).not.toContain(marker);
    const markup = push?.replyMarkup as { inline_keyboard: { text: string; url?: string }[][] } | undefined;
    const buttons = markup?.inline_keyboard[0];
    expect(buttons?.map((b) => b.text)).toEqual(['Nhận xử lý', 'Mở']);
    expect(buttons?.[1]?.url).toBe(`${publicUrl}/console/reports/${id}`);
    // A second round sends nothing again.
    const before = fake.sentMessages().length;
    await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, new Date(), 100, {
      urgentPriority: 1,
    });
    await sendOfficerAlerts(sender, new Date(), 50);
    expect(fake.sentMessages().length).toBe(before);
    expect((await alertsOf(id)).map((a) => a.status)).toEqual(['sent', 'sent']);
    // A3 has no Telegram: the alert is in the console only.
    const consoleOnly = await harness.pool.query(
      'SELECT status FROM officer_alert WHERE report_id = $1 AND officer_id = $2',
      [id, a3.id],
    );
    expect(consoleOnly.rows).toEqual([{ status: null }]);
  });

  it('are accepted from Telegram as the console takes a report, once; another unit’s and a deactivated officer’s presses are refused', async () => {
    const [first = '', second = ''] = await urgentReports(2);
    await sendOfficerAlerts(sender, new Date(), 50);
    const acceptData = (officer: TestOfficer, reportId: string) => {
      const push = fake
        .sentMessages(phoneOf(officer).user.id)
        .find((m) => JSON.stringify(m.replyMarkup ?? null).includes(reportId));
      const markup = push?.replyMarkup as { inline_keyboard: { callback_data?: string }[][] } | undefined;
      return markup?.inline_keyboard[0]?.[0]?.callback_data ?? '';
    };
    const data = acceptData(a1, first);
    expect(data).toMatch(/^o\|a\|/);

    // B1, of another unit, forges the press: the report is not found for them, nothing changes.
    expect(await deliver(phoneOf(b1).callbackQuery(data))).toBe(200);
    expect(pressAnswers().at(-1)?.text).toContain('không thuộc đơn vị của bạn');

    const press = phoneOf(a1).callbackQuery(data);
    expect(await deliver(press)).toBe(200);
    expect(pressAnswers().at(-1)?.text).toContain('Bạn đã nhận xử lý tin báo');
    const taken = await harness.pool.query<{ assignee_id: string; version: number }>(
      'SELECT assignee_id, version FROM report WHERE id = $1',
      [first],
    );
    expect(taken.rows[0]?.assignee_id).toBe(a1.id);
    const events = await harness.pool.query<{ actor: string }>(
      `SELECT actor FROM report_event WHERE report_id = $1 AND kind = 'assign'`,
      [first],
    );
    expect(events.rows.map((e) => e.actor)).toEqual([`officer:${a1.id}`]);
    const audit = await harness.pool.query<{ session_id: string }>(
      `SELECT session_id FROM audit_entry WHERE report_id = $1 AND officer_id = $2 AND action = 'report.assign'`,
      [first, a1.id],
    );
    expect(audit.rows.map((r) => r.session_id)).toEqual(['telegram']);

    // Telegram delivers the same press again: no second effect.
    expect(await deliver(press)).toBe(200);
    const after = await harness.pool.query<{ version: number }>('SELECT version FROM report WHERE id = $1', [
      first,
    ]);
    expect(after.rows[0]?.version).toBe(taken.rows[0]?.version);

    // The lead presses the stale button of the report A1 just took: a conflict, not a takeover.
    expect(await deliver(phoneOf(a2).callbackQuery(acceptData(a2, first)))).toBe(200);
    expect(pressAnswers().at(-1)?.text).toContain('đã thay đổi');

    // The lead is deactivated: their press on the second report is refused.
    await deactivateOfficer(harness.accounts, { officerId: adminId, role: 'admin' }, a2.id);
    expect(await deliver(phoneOf(a2).callbackQuery(acceptData(a2, second)))).toBe(200);
    expect(pressAnswers().at(-1)?.text).toContain('đã bị khoá');
    const untouched = await harness.pool.query('SELECT assignee_id FROM report WHERE id = $1', [second]);
    expect(untouched.rows[0]?.assignee_id).toBeNull();
  });
});

describe('new information and the reminders of a limit', () => {
  it('go to the assignee when linked, else to the unit’s linked officers, once per occurrence', async () => {
    const [assigned = '', open = ''] = await harness.seedReports(2);
    await harness.pool.query(
      `UPDATE report SET assignee_id = $2, new_information_at = now() - interval '1 minute' WHERE id = $1`,
      [assigned, a1.id],
    );
    // Classification is due in 2 hours of a 22-hour limit: the 50% and 80% points and "soon" have passed.
    await harness.pool.query(
      `UPDATE report SET submitted_at = now() - interval '20 hours', classify_due_at = now() + interval '2 hours',
              decision_due_at = NULL WHERE id = $1`,
      [open],
    );
    const now = new Date();
    await queueNewInformationAlerts(harness.pool, now);
    await queueDueReminders(harness.pool, defaultReminderSettings, now);
    expect((await alertsOf(assigned)).map((a) => [a.officer_id, a.kind])).toEqual([
      [a1.id, 'new_information'],
    ]);
    // a2 is deactivated, a3 has no Telegram: only a1 of unit A is pushed the reminders.
    expect((await alertsOf(open)).map((a) => [a.officer_id, a.kind])).toEqual([
      [a1.id, 'reminder:classify:50'],
      [a1.id, 'reminder:classify:80'],
      [a1.id, 'reminder:classify:soon'],
    ]);
    expect(await queueNewInformationAlerts(harness.pool, now)).toBe(0);
    expect(await queueDueReminders(harness.pool, defaultReminderSettings, now)).toBe(0);
    await sendOfficerAlerts(sender, new Date(), 50);
    const texts = fake.sentMessages(phoneOf(a1).user.id).map((m) => m.text);
    expect(texts.some((t) => t.startsWith('📩'))).toBe(true);
    expect(texts.some((t) => t.startsWith('⏰'))).toBe(true);
    // The report already has its assignee: its push offers Open only.
    const info = fake.sentMessages(phoneOf(a1).user.id).find((m) => m.text.startsWith('📩'));
    expect(JSON.stringify(info?.replyMarkup)).not.toContain('o|a|');
  });
});

describe('unlinking', () => {
  it('by /unlink, and by an admin for a lost phone; pushes queued for an unlinked officer are dropped', async () => {
    expect(await deliver(phoneOf(b1).text('/unlink'))).toBe(200);
    expect(lastTo(phoneOf(b1))?.text).toContain('Đã huỷ liên kết');
    expect(await deliver(phoneOf(b1).callbackQuery('o|a|00000000-0000-4000-8000-000000000000|1'))).toBe(200);
    expect(pressAnswers().at(-1)?.text).toContain('chưa liên kết');

    const [id = ''] = await urgentReports(1);
    expect((await alertsOf(id)).map((a) => a.officer_id)).toEqual([a1.id]);
    // Another officer cannot unlink A1; for a lost phone an admin does, from the accounts page.
    expect(
      await unlinkOfficerTelegram(harness.pool, { officerId: b1.id, role: 'officer' }, a1.id, new Date()),
    ).toBe(false);
    const admin = await harness.login(
      await harness.enrol({ username: 'alert.admin', role: 'admin', unitId: null }),
    );
    const accounts = await admin.get('/console/accounts');
    expect(accounts.body).toContain(`/console/accounts/${a1.id}/unlink_telegram`);
    expect((await admin.post(`/console/accounts/${a1.id}/unlink_telegram`)).status).toBe(303);
    const before = fake.sentMessages(phoneOf(a1).user.id).length;
    await sendOfficerAlerts(sender, new Date(), 50);
    expect(fake.sentMessages(phoneOf(a1).user.id).length).toBe(before);
    expect((await alertsOf(id)).map((a) => a.status)).toEqual(['failed']);
    const events = await harness.pool.query<{ kind: string; detail: unknown }>(
      "SELECT kind, detail FROM auth_event WHERE officer_id = $1 AND kind LIKE 'telegram%' ORDER BY id",
      [a1.id],
    );
    expect(events.rows.map((e) => e.kind)).toEqual([
      'telegram_code_issued',
      'telegram_linked',
      'telegram_unlinked',
    ]);
    expect(events.rows.at(-1)?.detail).toMatchObject({ reason: 'admin', by: expect.any(String) });
    expect(JSON.stringify(events.rows)).not.toContain(String(phoneOf(a1).user.id));
  });
});

describe('delivery', () => {
  it('retries a push Telegram refused with 429 after its retry_after, and gives up on a blocked bot', async () => {
    await link(b1);
    const ids = await harness.seedReports(2, { provinceCode: '01', wardCode: '00004' });
    await harness.pool.query(`UPDATE report SET unit_id = $2, priority = 1 WHERE id = ANY($1::uuid[])`, [
      ids,
      unitB,
    ]);
    await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, new Date(), 100, {
      urgentPriority: 1,
    });
    const [first = '', second = ''] = ids;
    fake.failNext(1, { code: 429, retryAfter: 2 }, 'sendMessage');
    await sendOfficerAlerts(sender, new Date(), 1);
    const waiting = await harness.pool.query<{ status: string; attempts: number; next_attempt_at: Date }>(
      'SELECT status, attempts, next_attempt_at FROM officer_alert WHERE report_id = $1',
      [first],
    );
    expect(waiting.rows[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.rows[0]?.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 1000);
    await sendOfficerAlerts(sender, new Date(Date.now() + 3000), 10);
    expect((await alertsOf(first)).map((a) => a.status)).toEqual(['sent']);
    expect((await alertsOf(second)).map((a) => a.status)).toEqual(['sent']);

    fake.blockChat(phoneOf(b1).user.id);
    const [third = ''] = await harness.seedReports(1, { provinceCode: '01', wardCode: '00004' });
    await harness.pool.query(`UPDATE report SET unit_id = $2, priority = 1 WHERE id = $1`, [third, unitB]);
    await sendReceiptNotices(harness.pool, harness.web.app.protection.cipher, new Date(), 100, {
      urgentPriority: 1,
    });
    await sendOfficerAlerts(sender, new Date(), 10);
    const failed = await harness.pool.query<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM officer_alert WHERE report_id = $1',
      [third],
    );
    expect(failed.rows[0]).toMatchObject({ status: 'failed', last_error: 'rejected 403' });
  });
});
