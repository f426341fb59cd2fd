import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityProtection } from '../../src/platform/identity/identity-protection.ts';
import { deliverUpdate } from '../fakes/deliver-telegram-update.ts';
import { eventually } from '../support/eventually.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database.ts';
import { reachReview } from '../support/reach-review.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { Chat, newCitizen, startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.ts';

const keys = { encryptionKey: randomBytes(32), hashKey: randomBytes(32) };
const protection = createIdentityProtection(keys);
const keyEnvironment = {
  IDENTITY_ENCRYPTION_KEY: keys.encryptionKey.toString('base64'),
  IDENTITY_HASH_KEY: keys.hashKey.toString('base64'),
};

let database: PrivateDatabase;
/** The app reaches PostgreSQL through it, so a test can take the database away. */
let proxy: TcpProxy;
// One app per database: a second app would sweep and deliver this app's work through its own
// fake Telegram.
let harness: TelegramHarness;
beforeAll(async () => {
  database = await createPrivateDatabase();
  const target = new URL(database.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  harness = await startTelegramHarness({ DATABASE_URL: proxy.rewrite(database.url), ...keyEnvironment });
}, 120_000);
afterEach(async () => {
  await proxy?.restore();
});
afterAll(async () => {
  await harness?.stop();
  await proxy?.close();
  await database?.drop();
});

function chatKeyOf(chat: Chat): string {
  return protection.hasher.hash('telegram', chat.chatId);
}

async function eventCount(updateId: number): Promise<number> {
  return harness.app.db.inboundEvent.count({ where: { platformKey: String(updateId) } });
}

function deliverTimes(webhookUrl: string, update: object, secret: string, times: number): Promise<number[]> {
  return Promise.all(Array.from({ length: times }, () => deliverUpdate(webhookUrl, update, secret)));
}

describe('dedupe on update_id (B1)', () => {
  it('stores and answers an update delivered 5 times concurrently once, and again later still once', async () => {
    const chat = new Chat(harness, newCitizen());
    const update = chat.citizen.start();
    expect(await deliverTimes(harness.webhookUrl, update, harness.secret, 5)).toEqual([
      200, 200, 200, 200, 200,
    ]);
    await chat.settled();
    expect(await eventCount(update.update_id)).toBe(1);
    expect(chat.messages()).toHaveLength(1);

    expect(await deliverTimes(harness.webhookUrl, update, harness.secret, 2)).toEqual([200, 200]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await chat.settled();
    expect(await eventCount(update.update_id)).toBe(1);
    expect(chat.messages()).toHaveLength(1);
  });

  it('submits one report with one receipt when the confirm press arrives 5 times concurrently', async () => {
    const chat = new Chat(harness, newCitizen());
    await reachReview(chat);
    const confirm = chat.citizen.callbackQuery(chat.callbackData('Gửi tin'));
    expect(await deliverTimes(harness.webhookUrl, confirm, harness.secret, 5)).toEqual([
      200, 200, 200, 200, 200,
    ]);
    await chat.settled();
    // A second tap on the same button is a new update: it must not submit again either.
    await chat.send(chat.citizen.callbackQuery(confirm.callback_query?.data ?? ''));

    expect(await eventCount(confirm.update_id)).toBe(1);
    const reporter = await harness.app.db.reporter.findFirstOrThrow({
      where: { identityHash: chatKeyOf(chat) },
      include: { reports: true },
    });
    expect(reporter.reports).toHaveLength(1);
    expect(chat.messages().filter((m) => m.text.includes('Mã tra cứu:'))).toHaveLength(1);
    expect(
      await harness.app.db.outboundMessage.count({ where: { reporterId: reporter.id, purpose: 'receipt' } }),
    ).toBe(1);
  });
});

describe('PostgreSQL unreachable (F6)', () => {
  it('answers 503 while the database is gone and takes the redelivery once it is back', async () => {
    const chat = new Chat(harness, newCitizen());
    expect((await chat.send(chat.citizen.start())).at(-1)?.text).toContain('chọn ngôn ngữ');

    await proxy.cut();
    const press = chat.citizen.callbackQuery('c|language|vi');
    expect(await deliverUpdate(harness.webhookUrl, press, harness.secret, harness.fake)).toBe(503);
    expect(await deliverUpdate(harness.webhookUrl, press, harness.secret, harness.fake)).toBe(503);
    const readiness = await fetch(harness.webhookUrl.replace('/webhooks/telegram', '/readyz'));
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ checks: { database: false } });

    await proxy.restore();
    expect(await deliverUpdate(harness.webhookUrl, press, harness.secret, harness.fake)).toBe(200);
    await chat.settled();
    expect(chat.last().text).toContain('Bạn muốn làm gì');
    expect(chat.messages()).toHaveLength(2);
    expect(await eventCount(press.update_id)).toBe(1);
    // The press was answered by the answer that acknowledged it, not by the refused deliveries.
    const answers = harness.fake
      .callsOf('answerCallbackQuery')
      .filter((call) => call.params.callback_query_id === press.callback_query?.id);
    expect(answers.map((call) => call.status)).toEqual([200]);
  });
});

describe('a flooding chat (B5)', () => {
  it('records all 60 messages of a minute, sends one polite limit notice and keeps answering others', async () => {
    // How long a first answer takes on this machine right now, without a flood.
    const calm = new Chat(harness, newCitizen());
    const calmStarted = Date.now();
    expect((await calm.send(calm.citizen.start())).at(-1)?.text).toContain('chọn ngôn ngữ');
    const calmMs = Date.now() - calmStarted;

    const flooder = new Chat(harness, newCitizen());
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) {
      const update = flooder.citizen.text(`tin nhắn số ${i}`);
      ids.push(update.update_id);
      expect(await deliverUpdate(harness.webhookUrl, update, harness.secret)).toBe(200);
    }

    const other = new Chat(harness, newCitizen());
    const started = Date.now();
    const answer = await other.send(other.citizen.start());
    expect(answer.at(-1)?.text).toContain('chọn ngôn ngữ');
    // Not queued behind the flooder's 30 answers, which Telegram paces at one a second: at most
    // a few seconds more than without the flood (a loaded CI machine varies by that much).
    expect(Date.now() - started).toBeLessThan(calmMs + 5000);

    const rows = await eventually(
      () =>
        harness.app.db.inboundEvent.findMany({
          where: { chatKey: chatKeyOf(flooder) },
          select: { platformKey: true, outcome: true },
        }),
      (found) => found.length === 60 && found.every((row) => row.outcome !== 'pending'),
    );
    expect(rows.map((row) => Number(row.platformKey)).sort((a, b) => a - b)).toEqual(
      [...ids].sort((a, b) => a - b),
    );
    const outcomes = new Set(rows.map((row) => row.outcome));
    // Judged at arrival: the first 30 of the minute are answered, the other 30 throttled.
    expect(rows.filter((row) => row.outcome === 'throttled')).toHaveLength(30);
    expect([...outcomes].every((o) => o === 'throttled' || o === 'other' || o === 'report_step')).toBe(true);

    const reporter = await harness.app.db.reporter.findFirstOrThrow({
      where: { identityHash: chatKeyOf(flooder) },
    });
    expect(
      await harness.app.db.outboundMessage.count({
        where: { reporterId: reporter.id, purpose: 'throttle_notice' },
      }),
    ).toBe(1);
    await eventually(
      () => flooder.messages().filter((m) => m.text.includes('quá nhiều tin nhắn')).length,
      (n) => n === 1,
      40_000,
    );
  }, 60_000);
});
