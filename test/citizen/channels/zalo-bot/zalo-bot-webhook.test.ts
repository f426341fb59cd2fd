import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../support/eventually.ts';
import {
  deliverZaloBotUpdate,
  startZaloBotHarness,
  ZaloBotChat,
  ZaloBotCitizen,
  type ZaloBotHarness,
} from '../../../support/zalo-bot-harness.ts';

let harness: ZaloBotHarness;
beforeAll(async () => {
  harness = await startZaloBotHarness({ PUBLIC_URL: 'https://tinbao.example.gov.vn' });
});
afterAll(async () => {
  await harness?.stop();
});

async function eventsOf(chatId: string) {
  return harness.app.db.inboundEvent.findMany({ where: { chatKey: harness.chatKey(chatId) } });
}

async function zaloBotEventCount(): Promise<number> {
  return harness.app.db.inboundEvent.count({ where: { channel: 'zalo_bot' } });
}

describe('the Zalo Bot webhook', () => {
  it('was registered at start-up with the public URL and its secret', () => {
    expect(harness.fake.webhook).toEqual({
      url: 'https://tinbao.example.gov.vn/webhooks/zalo-bot',
      secretToken: harness.secret,
    });
  });

  it('answers 401 without the secret header and 403 with a wrong one, writing nothing', async () => {
    const citizen = new ZaloBotCitizen();
    const before = await zaloBotEventCount();
    expect(await deliverZaloBotUpdate(harness.webhookUrl, citizen.text('xin chào'))).toBe(401);
    expect(await deliverZaloBotUpdate(harness.webhookUrl, citizen.text('xin chào'), '')).toBe(401);
    expect(
      await deliverZaloBotUpdate(harness.webhookUrl, citizen.text('xin chào'), `${harness.secret}x`),
    ).toBe(403);
    expect(await deliverZaloBotUpdate(harness.webhookUrl, citizen.text('xin chào'), 'wrong')).toBe(403);
    // A wrong secret is refused before the body is read: even an unreadable body gets 403.
    expect(await deliverZaloBotUpdate(harness.webhookUrl, null, 'wrong', '{not json')).toBe(403);
    expect(await zaloBotEventCount()).toBe(before);
    expect(await eventsOf(citizen.chatId)).toEqual([]);
    expect(harness.fake.sentMessages(citizen.chatId)).toEqual([]);
  });

  it('answers the first message of a new citizen with the language question, as a numbered list', async () => {
    const chat = new ZaloBotChat(harness);
    const answer = await chat.text('xin chào');
    expect(answer).toHaveLength(1);
    expect(answer[0]?.text).toContain('Vui lòng chọn ngôn ngữ');
    expect(chat.choices()).toEqual([
      { number: 1, label: 'Tiếng Việt' },
      { number: 2, label: 'English' },
    ]);
  });

  it('has one effect for the same message_id delivered five times at once', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    const update = chat.citizen.text('1');
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () => deliverZaloBotUpdate(harness.webhookUrl, update, harness.secret)),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await chat.settled();
    expect(await eventsOf(chat.chatId)).toHaveLength(2);
    // One language answer: one menu, not five.
    const menus = chat.messages().filter((m) => m.text.includes('Bạn muốn làm gì?'));
    expect(menus).toHaveLength(1);
    const reporter = await harness.app.db.reporter.findFirstOrThrow({
      where: { identityHash: harness.chatKey(chat.chatId) },
    });
    expect(reporter).toMatchObject({ channel: 'zalo_bot', language: 'vi', languageChosen: true });
  });

  it('keeps message ids of different chats apart: the same message_id in two chats is two messages', async () => {
    const first = new ZaloBotChat(harness);
    const second = new ZaloBotChat(harness);
    await first.send(first.citizen.text('/start', 'shared-id-1'));
    await second.send(second.citizen.text('/start', 'shared-id-1'));
    expect(first.messages()).toHaveLength(1);
    expect(second.messages()).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"event_name": "message.text.received", '],
    ['a JSON array', '[1, 2, 3]'],
    [
      'no message_id',
      JSON.stringify({ event_name: 'message.text.received', message: { chat: { id: 'c1' } } }),
    ],
    [
      'a NUL in the message_id',
      JSON.stringify({
        event_name: 'message.text.received',
        message: { message_id: 'a\u0000b', chat: { id: 'c1' } },
      }),
    ],
    [
      'an object as chat id',
      JSON.stringify({
        event_name: 'message.text.received',
        message: { message_id: 'm', chat: { id: { a: 1 } } },
      }),
    ],
  ])('stores %s quarantined, answers 200 and nothing else', async (_name, raw) => {
    const before = await harness.app.db.inboundEvent.count({
      where: { channel: 'zalo_bot', outcome: 'quarantined' },
    });
    expect(await deliverZaloBotUpdate(harness.webhookUrl, null, harness.secret, raw)).toBe(200);
    // A redelivery of the same bytes is a duplicate of the quarantined row.
    expect(await deliverZaloBotUpdate(harness.webhookUrl, null, harness.secret, raw)).toBe(200);
    expect(
      await harness.app.db.inboundEvent.count({ where: { channel: 'zalo_bot', outcome: 'quarantined' } }),
    ).toBe(before + 1);
  });

  it('quarantines a readable key with a broken body and keeps the chat going', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    const broken = chat.citizen.message('message.text.received', { text: { not: 'a string' } });
    expect(await deliverZaloBotUpdate(harness.webhookUrl, broken, harness.secret)).toBe(200);
    await chat.settled();
    const events = await eventsOf(chat.chatId);
    expect(events.filter((e) => e.outcome === 'quarantined')).toHaveLength(1);
    const afterwards = await chat.choose('Tiếng Việt');
    expect(afterwards.at(-1)?.text).toContain('Bạn muốn làm gì?');
  });

  it('answers a huge text with a clear message instead of failing', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    await chat.choose('Tiếng Việt');
    await chat.choose('Tố giác tội phạm');
    await chat.choose('Ma túy');
    const answer = await chat.text('Bán ma túy. '.repeat(60_000));
    expect(answer.map((m) => m.text).join('\n')).toContain('Câu trả lời quá dài');
  });

  it('records a group message without answering it', async () => {
    const citizen = new ZaloBotCitizen();
    const update = citizen.message('message.text.received', {
      text: 'tố giác',
      chat: { id: 'group-77', chat_type: 'GROUP' },
    });
    expect(await deliverZaloBotUpdate(harness.webhookUrl, update, harness.secret)).toBe(200);
    const event = await eventually(
      () =>
        harness.app.db.inboundEvent.findFirst({
          where: { chatKey: null, channel: 'zalo_bot', outcome: 'other' },
        }),
      (row) => row !== null,
    );
    expect(event?.outcome).toBe('other');
    expect(harness.fake.sentMessages('group-77')).toEqual([]);
  });

  it("sends a reply refused with 429 again after the platform's wait, once", async () => {
    const chat = new ZaloBotChat(harness);
    harness.fake.failNext(1, { code: 429, retryAfter: 1 }, 'sendMessage');
    const began = Date.now();
    const answer = await chat.text('/start');
    expect(answer).toHaveLength(1);
    expect(answer[0]?.text).toContain('Vui lòng chọn ngôn ngữ');
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
    const refused = harness.fake.callsOf('sendMessage').filter((c) => c.status === 429);
    expect(refused).toHaveLength(1);
  });

  it('answers a sticker and an unsupported message with a clear message and the question again', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    await chat.choose('English');
    const sticker = await chat.send(chat.citizen.sticker());
    expect(sticker.at(-1)?.text).toContain('This kind of message cannot be used here.');
    expect(sticker.at(-1)?.text).toContain('1. Report a crime');
    const other = await chat.send(chat.citizen.unsupported());
    expect(other.at(-1)?.text).toContain('This kind of message cannot be used here.');
  });
});
