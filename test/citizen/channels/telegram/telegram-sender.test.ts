import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, PlatformRejectedError } from '../../../../src/citizen/channels/delivery-error.ts';
import { createTelegramSender } from '../../../../src/citizen/channels/telegram/telegram-sender.ts';
import type { RenderedReply } from '../../../../src/citizen/engine/reply.ts';
import { FakeTelegramServer } from '../../../fakes/fake-telegram-server.ts';

// Above 2^32, as real user ids are.
const CHAT = '5987654321';

function reply(overrides: Partial<RenderedReply> = {}): RenderedReply {
  return { text: 'Cảm ơn bạn đã tố giác.', choices: [], ...overrides };
}

describe('createTelegramSender', () => {
  let fake: FakeTelegramServer;
  beforeEach(async () => {
    fake = await FakeTelegramServer.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  const sender = () => createTelegramSender({ token: fake.token, apiRoot: fake.apiRoot, timeoutMs: 2000 });

  it('is the telegram channel', () => {
    expect(sender().channel).toBe('telegram');
  });

  it('sends a reply as plain text with its inline buttons', async () => {
    await sender().send(CHAT, {
      type: 'reply',
      reply: reply({ stepName: 'consent', choices: [{ id: 'yes', label: 'Đồng ý', number: 1 }] }),
    });
    const [message] = fake.sentMessages(CHAT);
    expect(message).toMatchObject({
      text: 'Cảm ơn bạn đã tố giác.',
      parseMode: undefined,
      replyMarkup: { inline_keyboard: [[{ text: 'Đồng ý', callback_data: 'c|consent|yes' }]] },
    });
    expect(fake.callsOf('sendMessage')[0]?.params.chat_id).toBe(CHAT);
  });

  it('splits a text over 4,096 characters at line breaks, with the buttons on the last part only', async () => {
    const paragraph = `${'Người bị hại bị đưa qua biên giới. '.repeat(50).trim()}\n`;
    const text = paragraph.repeat(6).trim();
    expect(text.length).toBeGreaterThan(2 * 4096);
    await sender().send(CHAT, {
      type: 'reply',
      reply: reply({ text, stepName: 'confirm', choices: [{ id: 'ok', label: 'OK', number: 1 }] }),
    });
    const parts = fake.sentMessages(CHAT);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(4096);
      expect(part.text.endsWith('.')).toBe(true);
    }
    expect(parts.map((p) => p.text).join('\n')).toBe(text);
    expect(parts.slice(0, -1).every((p) => p.replyMarkup === undefined)).toBe(true);
    expect(parts.at(-1)?.replyMarkup).toEqual({
      inline_keyboard: [[{ text: 'OK', callback_data: 'c|confirm|ok' }]],
    });
  });

  it('cuts a text without spaces at 4,096 and never inside a surrogate pair', async () => {
    await sender().send(CHAT, { type: 'reply', reply: reply({ text: 'a'.repeat(8192 + 10) }) });
    expect(fake.sentMessages(CHAT).map((m) => m.text.length)).toEqual([4096, 4096, 10]);

    await sender().send('42', { type: 'reply', reply: reply({ text: `${'a'.repeat(4095)}😀b` }) });
    expect(fake.sentMessages('42').map((m) => m.text)).toEqual(['a'.repeat(4095), '😀b']);
  });

  it('sends a text of exactly 4,096 characters as one message', async () => {
    await sender().send(CHAT, { type: 'reply', reply: reply({ text: 'x'.repeat(4096) }) });
    expect(fake.sentMessages(CHAT)).toHaveLength(1);
  });

  it('answers a callback query', async () => {
    await sender().send(CHAT, { type: 'answer_callback', callbackQueryId: '4382bfdwdsb323b2d9' });
    expect(fake.callsOf('answerCallbackQuery').map((c) => c.params)).toEqual([
      { callback_query_id: '4382bfdwdsb323b2d9' },
    ]);
  });

  it('throws a retryable PlatformRejectedError carrying retry_after on 429', async () => {
    fake.failNext(1, { code: 429, retryAfter: 7 });
    const error = await sender()
      .send(CHAT, { type: 'reply', reply: reply() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 429, retryAfterSeconds: 7, retryable: true });
  });

  it("runs into the fake's flood control when a chat gets more than a burst at once", async () => {
    const s = sender();
    for (let i = 0; i < 3; i++) await s.send(CHAT, { type: 'reply', reply: reply() });
    const error = await s.send(CHAT, { type: 'reply', reply: reply() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 429, retryable: true });
    expect((error as PlatformRejectedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(fake.tooManyRequestsGiven).toBe(1);
  });

  it('throws a retryable PlatformRejectedError on 500', async () => {
    fake.failNext(1, { code: 500 });
    const error = await sender()
      .send(CHAT, { type: 'answer_callback', callbackQueryId: 'q' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 500, retryable: true });
  });

  it('throws a non-retryable PlatformRejectedError when the citizen blocked the bot', async () => {
    fake.blockChat(CHAT);
    const error = await sender()
      .send(CHAT, { type: 'reply', reply: reply() })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 403, retryable: false });
  });

  it('throws NetworkError when Telegram cannot be reached', async () => {
    const s = sender();
    await fake.close();
    await expect(s.send(CHAT, { type: 'reply', reply: reply() })).rejects.toBeInstanceOf(NetworkError);
    fake = await FakeTelegramServer.start();
  });
});
