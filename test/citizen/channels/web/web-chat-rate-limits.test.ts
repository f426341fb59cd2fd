import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebChatClient } from '../../../support/web-chat-client.ts';
import { startWebChatHarness, type WebChatHarness } from '../../../support/web-chat-harness.ts';

let harness: WebChatHarness;
beforeAll(async () => {
  harness = await startWebChatHarness({
    WEB_CHAT_SESSION_MESSAGES_PER_MINUTE: '3',
    WEB_CHAT_ADDRESS_MESSAGES_PER_MINUTE: '5',
    WEB_CHAT_ADDRESS_SESSIONS_PER_HOUR: '3',
  });
});
afterAll(async () => {
  await harness?.stop();
});

const text = (n: number) => ({ type: 'text', text: `tin nhắn số ${n}` });
const webEvents = () => harness.app.db.inboundEvent.count({ where: { channel: 'web' } });

describe('web chat rate limits', () => {
  it('slow a flooding session with a localised 429 and store nothing over the limit', async () => {
    const chat = await new WebChatClient(harness.baseUrl, '203.0.113.10').startSession();
    const before = await webEvents();
    for (let n = 1; n <= 3; n++) expect((await chat.post(text(n))).status).toBe(200);
    const refused = await chat.post(text(4));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ error: 'rate_limited' });
    expect(refused.body.message).toMatch(/Bạn gửi quá nhanh\. Vui lòng đợi \d+ giây/);
    expect(await webEvents()).toBe(before + 3);

    const english = new WebChatClient(harness.baseUrl, '203.0.113.10', 'en');
    english.token = chat.token;
    expect((await english.post(text(5))).body.message).toMatch(/You are sending too fast/);
    // Another reporter at another address is not slowed by this one.
    const other = await new WebChatClient(harness.baseUrl, '203.0.113.11').startSession();
    expect((await other.post(text(1))).status).toBe(200);
  });

  it('limit messages per client address across sessions', async () => {
    const first = await new WebChatClient(harness.baseUrl, '203.0.113.20').startSession();
    const second = await new WebChatClient(harness.baseUrl, '203.0.113.20').startSession();
    for (let n = 1; n <= 3; n++) expect((await first.post(text(n))).status).toBe(200);
    expect((await second.post(text(1))).status).toBe(200);
    expect((await second.post(text(2))).status).toBe(200);
    expect((await second.post(text(3))).status).toBe(429);
    const elsewhere = await new WebChatClient(harness.baseUrl, '203.0.113.21').startSession();
    expect((await elsewhere.post(text(1))).status).toBe(200);
  });

  it('limit new sessions per client address', async () => {
    const address = '203.0.113.30';
    for (let n = 0; n < 3; n++) await new WebChatClient(harness.baseUrl, address).startSession();
    const refused = await new WebChatClient(harness.baseUrl, address).request('/chat/api/session', {});
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'rate_limited' });
  });
});
