import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegramServer } from './fake-telegram-server.ts';
import { TelegramUpdateBuilder } from './telegram-updates.ts';

interface ApiAnswer {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

describe('FakeTelegramServer', () => {
  let fake: FakeTelegramServer;
  beforeEach(async () => {
    fake = await FakeTelegramServer.start({ token: '7000000042:fake-secret' });
  });
  afterEach(async () => {
    await fake.close();
  });

  async function call(
    method: string,
    body?: unknown,
    token = fake.token,
  ): Promise<{ status: number } & ApiAnswer> {
    const response = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    return { status: response.status, ...((await response.json()) as ApiAnswer) };
  }

  it('listens on 127.0.0.1 at a random port', () => {
    expect(fake.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers getMe with the bot user', async () => {
    expect(await call('getMe')).toMatchObject({
      status: 200,
      ok: true,
      result: { id: 7000000042, is_bot: true },
    });
  });

  it('answers 401 Unauthorized to an unknown token and 404 to an unknown method', async () => {
    expect(await call('getMe', {}, '1:other')).toEqual({
      status: 401,
      ok: false,
      error_code: 401,
      description: 'Unauthorized',
    });
    expect(await call('sendTelepathy')).toMatchObject({
      status: 404,
      error_code: 404,
      description: 'Not Found',
    });
  });

  it('treats method names case-insensitively, as Telegram does', async () => {
    expect(await call('GETME')).toMatchObject({ ok: true });
    expect(fake.callsOf('getMe')).toHaveLength(1);
  });

  it('reads form-urlencoded, multipart and query-string parameters', async () => {
    await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: '1', text: 'form' }),
    });
    const form = new FormData();
    form.set('chat_id', '2');
    form.set('text', 'multipart');
    form.set('reply_markup', JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'c|s|a' }]] }));
    form.set('photo', new Blob([Buffer.from('jpeg bytes')]), 'x.jpg');
    await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, { method: 'POST', body: form });
    await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage?chat_id=3&text=query`);
    expect(fake.sentMessages().map((m) => [m.chatId, m.text])).toEqual([
      ['1', 'form'],
      ['2', 'multipart'],
      ['3', 'query'],
    ]);
    expect(fake.sentMessages('2')[0]?.replyMarkup).toEqual({
      inline_keyboard: [[{ text: 'A', callback_data: 'c|s|a' }]],
    });
    expect(fake.callsOf('sendMessage')[1]?.params.photo).toMatchObject({ filename: 'x.jpg' });
  });

  it('returns a message with a fresh id for each sendMessage and records the call', async () => {
    const first = await call('sendMessage', { chat_id: 5987654321, text: 'một' });
    const second = await call('sendMessage', { chat_id: '5987654321', text: 'hai' });
    expect(first.result).toMatchObject({ chat: { id: 5987654321 }, text: 'một' });
    const ids = [first, second].map((a) => (a.result as { message_id: number }).message_id);
    expect(new Set(ids).size).toBe(2);
    expect(fake.sentMessages(5987654321)).toHaveLength(2);
    expect(fake.callsOf('sendMessage')[0]).toMatchObject({ status: 200, at: expect.any(Number) });
  });

  it('refuses an empty text and one over 4,096 characters', async () => {
    expect(await call('sendMessage', { chat_id: 1, text: '  ' })).toMatchObject({
      status: 400,
      description: 'Bad Request: message text is empty',
    });
    expect(await call('sendMessage', { chat_id: 1, text: 'x'.repeat(4097) })).toMatchObject({
      status: 400,
      description: 'Bad Request: message is too long',
    });
    expect((await call('sendMessage', { chat_id: 1, text: 'ầ'.repeat(4096) })).ok).toBe(true);
  });

  it('counts callback data in bytes, refusing 65 bytes even when it is fewer characters', async () => {
    const keyboard = (data: string) => ({ inline_keyboard: [[{ text: 'Bấm', callback_data: data }]] });
    expect(
      (await call('sendMessage', { chat_id: 1, text: 't', reply_markup: keyboard('a'.repeat(64)) })).ok,
    ).toBe(true);
    // 22 Vietnamese letters of 3 bytes each: 22 characters, 66 bytes.
    const answer = await call('sendMessage', {
      chat_id: 1,
      text: 't',
      reply_markup: keyboard('ầ'.repeat(22)),
    });
    expect(answer).toMatchObject({ status: 400, description: 'Bad Request: BUTTON_DATA_INVALID' });
    expect((await call('sendMessage', { chat_id: 1, text: 't', reply_markup: keyboard('') })).ok).toBe(false);
  });

  it('gives 429 with retry_after past a per-chat burst, and counts it', async () => {
    for (let i = 0; i < 3; i++)
      expect((await call('sendMessage', { chat_id: 9, text: `${i}` })).ok).toBe(true);
    const refused = await call('sendMessage', { chat_id: 9, text: 'too fast' });
    expect(refused).toMatchObject({ status: 429, error_code: 429, parameters: { retry_after: 1 } });
    // Another chat is not affected.
    expect((await call('sendMessage', { chat_id: 10, text: 'ok' })).ok).toBe(true);
    expect(fake.tooManyRequestsGiven).toBe(1);
    expect(fake.sentMessages(9)).toHaveLength(3);
  });

  it('lets a chat send again once the per-chat rate allows', async () => {
    for (let i = 0; i < 3; i++) await call('sendMessage', { chat_id: 9, text: `${i}` });
    await new Promise((r) => setTimeout(r, 1050));
    expect((await call('sendMessage', { chat_id: 9, text: 'later' })).ok).toBe(true);
  });

  it('limits the bot overall across chats', async () => {
    const limited = await FakeTelegramServer.start({ rateLimit: { globalBurst: 5, globalPerSecond: 5 } });
    try {
      const answers = [];
      for (let chat = 1; chat <= 6; chat++) {
        const response = await fetch(`${limited.apiRoot}/bot${limited.token}/sendMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ chat_id: chat, text: 'x' }),
        });
        answers.push(response.status);
      }
      expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
      expect(limited.tooManyRequestsGiven).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('fails the next calls as told by failNext, then recovers', async () => {
    fake.failNext(1, { code: 429, retryAfter: 12 });
    fake.failNext(1, { code: 500 });
    expect(await call('getMe')).toMatchObject({ status: 429, parameters: { retry_after: 12 } });
    expect(await call('getMe')).toMatchObject({ status: 500, error_code: 500 });
    expect(await call('getMe')).toMatchObject({ status: 200, ok: true });
    expect(fake.tooManyRequestsGiven).toBe(1);
    expect(fake.callsOf('getMe').map((c) => c.status)).toEqual([429, 500, 200]);
  });

  it('records the webhook and refuses drop_pending_updates=true loudly', async () => {
    const set = await call('setWebhook', {
      url: 'https://x.example/hook',
      secret_token: 'abc_DEF-1',
      allowed_updates: ['message'],
      max_connections: 10,
    });
    expect(set).toMatchObject({ ok: true, result: true });
    expect(fake.webhook).toEqual({
      url: 'https://x.example/hook',
      secretToken: 'abc_DEF-1',
      allowedUpdates: ['message'],
      maxConnections: 10,
    });
    const dropped = await call('setWebhook', { url: 'https://x.example/hook', drop_pending_updates: true });
    expect(dropped).toMatchObject({
      status: 400,
      description: expect.stringContaining('drop_pending_updates'),
    });
    expect((await call('deleteWebhook', { drop_pending_updates: true })).status).toBe(400);
    expect(fake.dropPendingUpdatesRefusals).toBe(2);
    expect(fake.webhook).not.toBeNull();
    expect(await call('getWebhookInfo')).toMatchObject({ result: { url: 'https://x.example/hook' } });
    expect((await call('deleteWebhook')).ok).toBe(true);
    expect(await call('getWebhookInfo')).toMatchObject({ result: { url: '' } });
  });

  it('refuses a secret token with characters Telegram does not allow', async () => {
    expect((await call('setWebhook', { url: 'https://x.example', secret_token: 'a b' })).status).toBe(400);
  });

  it('refuses getUpdates while a webhook is set', async () => {
    await call('setWebhook', { url: 'https://x.example/hook' });
    expect((await call('getUpdates')).status).toBe(409);
  });

  describe('getUpdates', () => {
    const updates = new TelegramUpdateBuilder();

    it('returns queued updates and forgets those below the offset', async () => {
      const [a, b] = [updates.text('a'), updates.text('b')];
      fake.queueUpdate(a);
      fake.queueUpdate(b);
      expect((await call('getUpdates')).result).toEqual([a, b]);
      expect((await call('getUpdates', { offset: b.update_id })).result).toEqual([b]);
      expect(fake.pendingUpdateIds()).toEqual([b.update_id]);
      expect((await call('getUpdates', { offset: b.update_id + 1, timeout: 0 })).result).toEqual([]);
    });

    it('honours limit and allowed_updates', async () => {
      const kept = [updates.text('1'), updates.text('2')];
      fake.queueUpdate(updates.myChatMember());
      for (const u of kept) fake.queueUpdate(u);
      expect((await call('getUpdates', { limit: 1, allowed_updates: ['message'] })).result).toEqual([
        kept[0],
      ]);
    });

    it('holds the request for the timeout when nothing is queued', async () => {
      const started = Date.now();
      expect((await call('getUpdates', { timeout: 1 })).result).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('answers a waiting long poll as soon as an update is queued', async () => {
      const update = updates.text('now');
      const started = Date.now();
      const poll = call('getUpdates', { timeout: 10 });
      setTimeout(() => fake.queueUpdate(update), 50);
      expect((await poll).result).toEqual([update]);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('terminates an older long poll with 409 when a newer one arrives', async () => {
      const older = call('getUpdates', { timeout: 10 });
      await new Promise((r) => setTimeout(r, 50));
      const newer = call('getUpdates', { timeout: 1 });
      expect((await older).status).toBe(409);
      expect((await newer).status).toBe(200);
    });
  });

  it('serves a file through getFile and the download path', async () => {
    const file = fake.addFile('ảnh hiện trường', 'AgACphoto1x');
    const info = await call('getFile', { file_id: 'AgACphoto1x' });
    expect(info.result).toMatchObject({ file_id: 'AgACphoto1x', file_size: file.content.length });
    const path = (info.result as { file_path: string }).file_path;
    const download = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${path}`);
    expect(Buffer.from(await download.arrayBuffer()).toString('utf8')).toBe('ảnh hiện trường');
    expect((await fetch(`${fake.apiRoot}/file/bot1:other/${path}`)).status).toBe(401);
    expect((await call('getFile', { file_id: 'missing' })).status).toBe(400);
  });

  it('runs a method named in a webhook answer as a call, and nothing for other answers', async () => {
    await fake.runWebhookAnswer('{"method":"answerCallbackQuery","callback_query_id":"q1"}');
    await fake.runWebhookAnswer('{"method":"answerCallbackQuery"}');
    await fake.runWebhookAnswer('{"method":"noSuchMethod"}');
    await fake.runWebhookAnswer('{"ok":true}');
    await fake.runWebhookAnswer('not json');
    await fake.runWebhookAnswer('{"method":"getUpdates"}');
    expect(fake.calls.map((c) => [c.method, c.params, c.status])).toEqual([
      ['answerCallbackQuery', { callback_query_id: 'q1' }, 200],
      ['answerCallbackQuery', {}, 400],
      ['noSuchMethod', {}, 404],
      ['getUpdates', {}, 400],
    ]);
  });

  it('answers callback queries and edits the buttons of a sent message', async () => {
    expect(await call('answerCallbackQuery', { callback_query_id: '77' })).toMatchObject({
      ok: true,
      result: true,
    });
    const sent = await call('sendMessage', {
      chat_id: 4,
      text: 'chọn',
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'c|s|a' }]] },
    });
    const messageId = (sent.result as { message_id: number }).message_id;
    const edited = await call('editMessageReplyMarkup', { chat_id: 4, message_id: messageId });
    expect(edited.ok).toBe(true);
    expect(fake.sentMessages(4)[0]?.replyMarkup).toBeUndefined();
    expect((await call('editMessageReplyMarkup', { chat_id: 4, message_id: messageId })).description).toMatch(
      /not modified/,
    );
    expect((await call('editMessageReplyMarkup', { chat_id: 4, message_id: 999 })).status).toBe(400);
  });

  it('ends a waiting long poll when closed', async () => {
    const other = await FakeTelegramServer.start();
    const poll = fetch(`${other.apiRoot}/bot${other.token}/getUpdates?timeout=30`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 50));
    const closedAt = Date.now();
    await other.close();
    expect(await poll).toEqual({ ok: true, result: [] });
    expect(Date.now() - closedAt).toBeLessThan(1000);
  });
});
