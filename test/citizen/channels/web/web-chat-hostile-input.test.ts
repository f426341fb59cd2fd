import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebChatClient } from '../../../support/web-chat-client.ts';
import { startWebChatHarness, type WebChatHarness } from '../../../support/web-chat-harness.ts';

let harness: WebChatHarness;
let chat: WebChatClient;
beforeAll(async () => {
  harness = await startWebChatHarness();
  chat = await new WebChatClient(harness.baseUrl).startSession();
});
afterAll(async () => {
  await harness?.stop();
});

const storedEvents = () => harness.app.db.inboundEvent.count({ where: { channel: 'web' } });
const id = 'client-msg-0001';

describe('hostile input to the web chat API', () => {
  it.each([
    ['invalid JSON', '{"clientMessageId": "abc', 400, 'invalid'],
    ['JSON that is not an object', '"hello"', 400, 'invalid'],
    [
      'an unknown message type',
      JSON.stringify({ clientMessageId: id, message: { type: 'photo', url: 'x' } }),
      400,
      'invalid',
    ],
    [
      'an extra field',
      JSON.stringify({ clientMessageId: id, message: { type: 'text', text: 'hi', html: '<b>' } }),
      400,
      'invalid',
    ],
    [
      'a wrong type',
      JSON.stringify({ clientMessageId: id, message: { type: 'text', text: 42 } }),
      400,
      'invalid',
    ],
    [
      'a bad client message id',
      JSON.stringify({ clientMessageId: "x'; DROP TABLE report;--", message: { type: 'text', text: 'hi' } }),
      400,
      'invalid',
    ],
    [
      'a forged step name',
      JSON.stringify({
        clientMessageId: id,
        message: { type: 'choice', stepName: '../menu', choiceId: 'tip' },
      }),
      400,
      'invalid',
    ],
    [
      'a location off the globe',
      JSON.stringify({ clientMessageId: id, message: { type: 'location', latitude: 91, longitude: 0 } }),
      400,
      'invalid',
    ],
    [
      'an unknown command',
      JSON.stringify({ clientMessageId: id, message: { type: 'command', command: 'admin' } }),
      400,
      'invalid',
    ],
    [
      'prototype pollution',
      `{"clientMessageId":"${id}","message":{"type":"text","text":"x"},"__proto__":{"admin":true}}`,
      400,
      'invalid',
    ],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`, 400, 'invalid'],
    [
      'text of control characters only',
      JSON.stringify({ clientMessageId: id, message: { type: 'text', text: '\u0000\u0007\u202E ' } }),
      400,
      'empty',
    ],
    [
      'text over 5,000 characters',
      JSON.stringify({ clientMessageId: id, message: { type: 'text', text: 'a'.repeat(5001) } }),
      400,
      'too_long',
    ],
    [
      'a body over 64 KiB',
      JSON.stringify({ clientMessageId: id, message: { type: 'text', text: 'a'.repeat(70_000) } }),
      413,
      'too_large',
    ],
  ])('refuses %s with a clear message and stores nothing', async (_what, raw, status, code) => {
    const before = await storedEvents();
    const answer = await chat.request('/chat/api/messages', null, { raw });
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(code);
    expect(typeof answer.body.message).toBe('string');
    expect(String(answer.body.message).length).toBeGreaterThan(5);
    expect(await storedEvents()).toBe(before);
  });

  it('explains an over-long text in the reporter’s language with the limit', async () => {
    const answer = await chat.post({ type: 'text', text: 'ạ'.repeat(5001) });
    expect(answer.body.message).toBe('Tin nhắn quá dài (tối đa 5000 ký tự). Hãy chia thành nhiều tin.');
  });

  it('refuses other content types with 415 and requests without a session with 401', async () => {
    const form = await chat.request('/chat/api/messages', null, {
      raw: 'text=hi',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const before = await storedEvents();
    const noSession = await new WebChatClient(harness.baseUrl).post({ type: 'text', text: 'hi' });
    expect(noSession.status).toBe(401);
    expect(noSession.body.message).toContain('Phiên trò chuyện không hợp lệ');
    expect(await storedEvents()).toBe(before);
  });

  it('stores hostile text as normalised text and hands it back as plain text, never markup', async () => {
    const fresh = await new WebChatClient(harness.baseUrl).startSession();
    await fresh.start();
    await fresh.press('Tiếng Việt');
    await fresh.press('Tố giác tội phạm');
    await fresh.press('Khác');
    const hostile =
      "<script>alert('x')</script>'; DROP TABLE report;-- \u202Egpj.exe To\u0302\u0301 gia\u0301c";
    await fresh.text(hostile);
    await fresh.press('Hôm nay');
    await fresh.press('Không rõ');
    await fresh.press('Bỏ qua');
    await fresh.press('Bỏ qua');
    const review = await fresh.press('Ẩn danh');
    const summary = review.at(-1)?.reply.text ?? '';
    expect(summary).toContain("<script>alert('x')</script>'; DROP TABLE report;-- gpj.exe Tố giác");
    expect(summary).not.toContain('\u202E');
  });
});
