import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdentityHasher } from '../../../src/platform/identity/identity-hasher.ts';
import { deliverUpdate } from '../../fakes/deliver-telegram-update.ts';
import type { RecordedCall } from '../../fakes/fake-telegram-server.ts';
import { eventually } from '../../support/eventually.ts';
import { Chat, newCitizen } from '../../support/telegram-harness.ts';
import { useTelegramHarness } from '../../support/use-telegram-harness.ts';

const hashKey = randomBytes(32);
const hasher = createIdentityHasher(hashKey);

const harness = useTelegramHarness({ IDENTITY_HASH_KEY: hashKey.toString('base64') });

function sendCallsTo(chat: Chat): RecordedCall[] {
  return harness.fake.callsOf('sendMessage').filter((call) => String(call.params.chat_id) === chat.chatId);
}

async function deliver(update: object): Promise<void> {
  expect(await deliverUpdate(harness.webhookUrl, update, harness.secret, harness.fake)).toBe(200);
}

async function outboundOf(chat: Chat) {
  return harness.app.db.outboundMessage.findMany({
    where: { reporter: { identityHash: hasher.hash('telegram', chat.chatId) } },
    select: { purpose: true, status: true, attempts: true, lastError: true },
    orderBy: { id: 'asc' },
  });
}

describe('outbound delivery to Telegram', () => {
  it('retries a reply refused with 429 only after retry_after, and delivers it (F7)', async () => {
    const chat = new Chat(harness, newCitizen());
    harness.fake.failNext(2, { code: 429, retryAfter: 1 }, 'sendMessage');
    await deliver(chat.citizen.start());
    await eventually(
      () => chat.messages().length,
      (n) => n === 1,
      15_000,
    );
    const calls = sendCallsTo(chat);
    expect(calls.map((call) => call.status)).toEqual([429, 429, 200]);
    const [first, second, third] = calls.map((call) => call.at);
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(990);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(990);
    expect(chat.last().text).toContain('chọn ngôn ngữ');
  });

  it('gives up a message to a chat that blocked the bot (403) and keeps serving other chats', async () => {
    const blocked = new Chat(harness, newCitizen());
    const other = new Chat(harness, newCitizen());
    harness.fake.blockChat(blocked.chatId);
    await deliver(blocked.citizen.start());
    await deliver(other.citizen.start());
    await other.settled();
    expect(other.last().text).toContain('chọn ngôn ngữ');

    const rows = await eventually(
      () => outboundOf(blocked),
      (found) => found.length === 1 && found[0]?.status !== 'pending',
    );
    expect(rows).toEqual([
      { purpose: 'reply', status: 'failed', attempts: 1, lastError: expect.stringMatching(/^403 /) },
    ]);
    expect(sendCallsTo(blocked).map((call) => call.status)).toEqual([403]);

    // The blocked chat's next message is tried (and refused) too, while the other chat goes on.
    await deliver(blocked.citizen.callbackQuery('c|language|vi'));
    const answer = await other.press('Tiếng Việt');
    expect(answer.at(-1)?.text).toContain('Bạn muốn làm gì');
    await blocked.settled();
    expect(blocked.messages()).toEqual([]);
    expect(sendCallsTo(blocked).map((call) => call.status)).toEqual([403, 403]);
  });

  it("keeps one chat's replies in order while the first is retried after a 5xx", async () => {
    const chat = new Chat(harness, newCitizen());
    harness.fake.failNext(1, { code: 500 }, 'sendMessage');
    // Telegram delivers a chat's updates one after another without waiting for the bot's replies.
    await deliver(chat.citizen.start());
    await deliver(chat.citizen.callbackQuery('c|language|vi'));
    await deliver(chat.citizen.callbackQuery('c|menu|tip'));
    await deliver(chat.citizen.callbackQuery('c|tip_category|drugs'));
    await eventually(
      () => chat.messages().length,
      (n) => n >= 4,
      15_000,
    );
    await chat.settled();
    expect(chat.messages().map((m) => m.text.split('\n')[0])).toEqual([
      expect.stringContaining('chọn ngôn ngữ'),
      expect.stringContaining('Bạn muốn làm gì'),
      expect.stringContaining('Bạn muốn tố giác loại tội phạm nào?'),
      expect.stringContaining('Hãy mô tả sự việc'),
    ]);
    expect(sendCallsTo(chat)[0]?.status).toBe(500);
  });

  it('stays within Telegram limits under a burst of 20 chats × 5 messages: no 429 at all', async () => {
    const refusedBefore = harness.fake.tooManyRequestsGiven;
    const chats = Array.from({ length: 20 }, () => new Chat(harness, newCitizen()));
    await Promise.all(
      chats.map(async (chat) => {
        for (let i = 0; i < 5; i++) await deliver(chat.citizen.start());
      }),
    );
    await Promise.all(
      chats.map((chat) =>
        eventually(
          () => chat.messages().length,
          (n) => n === 5,
          20_000,
        ),
      ),
    );
    const start = Math.min(...chats.flatMap((chat) => sendCallsTo(chat).map((call) => call.at)));
    const timelines = chats.map((chat) =>
      sendCallsTo(chat)
        .map((call) => `${call.status}@${call.at - start}`)
        .join(' '),
    );
    expect(harness.fake.tooManyRequestsGiven - refusedBefore, timelines.join('\n')).toBe(0);
    for (const chat of chats)
      expect(sendCallsTo(chat).map((call) => call.status)).toEqual([200, 200, 200, 200, 200]);
  }, 40_000);
});
