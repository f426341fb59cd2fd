import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, PlatformRejectedError } from '../../../../src/citizen/channels/delivery-error.ts';
import { createZaloBotApi } from '../../../../src/citizen/channels/zalo-bot/zalo-bot-api.ts';
import { FakeZaloBotServer } from '../../../fakes/fake-zalo-bot-server.ts';

let fake: FakeZaloBotServer;
beforeAll(async () => {
  fake = await FakeZaloBotServer.start();
});
afterAll(async () => {
  await fake?.close();
});

const options = { timeoutMs: 5000 };
const api = () => createZaloBotApi({ token: fake.token, apiRoot: fake.apiRoot });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

describe('createZaloBotApi', () => {
  it('posts JSON to /bot<token>/<method> and resolves with the result', async () => {
    const result = await api().call('sendMessage', { chat_id: 'c1', text: 'Xin chào' }, options);
    expect(result).toMatchObject({ message_id: expect.any(String) });
    expect(fake.callsOf('sendMessage').at(-1)?.params).toEqual({ chat_id: 'c1', text: 'Xin chào' });
  });

  it('turns ok:false into PlatformRejectedError with the code and description, not retryable for 400', async () => {
    const error = await rejection(
      api().call('sendMessage', { chat_id: 'c1', text: 'x'.repeat(2001) }, options),
    );
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 400, retryable: false });
    expect((error as PlatformRejectedError).description).toContain('2000');
  });

  it.each(['parameters', 'header', 'both'] as const)('honours a 429 retry hint given in %s', async (hint) => {
    fake.failNext(1, { code: 429, retryAfter: 7, hint }, 'sendMessage');
    const error = await rejection(api().call('sendMessage', { chat_id: 'c1', text: 'x' }, options));
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 429, retryAfterSeconds: 7, retryable: true });
  });

  it('makes a 5xx retryable, also when the answer is an HTML page from a proxy', async () => {
    fake.failNext(1, { code: 500 }, 'sendMessage');
    expect(await rejection(api().call('sendMessage', { chat_id: 'c', text: 'x' }, options))).toMatchObject({
      code: 500,
      retryable: true,
    });
    fake.failNext(1, { code: 502, html: true }, 'sendMessage');
    expect(await rejection(api().call('sendMessage', { chat_id: 'c', text: 'x' }, options))).toMatchObject({
      code: 502,
      retryable: true,
    });
  });

  it('makes a refusal of the chat (403) final', async () => {
    fake.blockChat('blocked-chat');
    const error = await rejection(api().call('sendMessage', { chat_id: 'blocked-chat', text: 'x' }, options));
    expect(error).toMatchObject({ code: 403, retryable: false });
  });

  it('reports a wrong token as a 401 refusal without putting the token in the message', async () => {
    const wrong = createZaloBotApi({ token: '1:wrong-token-value', apiRoot: fake.apiRoot });
    const error = await rejection(wrong.call('getMe', {}, options));
    expect(error).toMatchObject({ code: 401 });
    expect(String(error)).not.toContain('wrong-token-value');
  });

  it('throws NetworkError when nobody listens, and never shows the token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dead = createZaloBotApi({ token: fake.token, apiRoot: `http://127.0.0.1:${port}` });
    const error = await rejection(dead.call('getMe', {}, options));
    expect(error).toBeInstanceOf(NetworkError);
    expect(String(error)).not.toContain(fake.token.split(':')[1] ?? 'never');
  });

  it('throws NetworkError when the platform does not answer in time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const slow = createZaloBotApi({ token: fake.token, apiRoot: `http://127.0.0.1:${port}` });
      const error = await rejection(slow.call('getMe', {}, { timeoutMs: 200 }));
      expect(error).toBeInstanceOf(NetworkError);
      expect(String(error)).toContain('timed out');
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('throws NetworkError for an unreadable 200 answer', async () => {
    const odd = createServer((_req, res) => res.end('<html>ok</html>'));
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    const { port } = odd.address() as AddressInfo;
    try {
      const client = createZaloBotApi({ token: fake.token, apiRoot: `http://127.0.0.1:${port}` });
      expect(await rejection(client.call('getMe', {}, options))).toBeInstanceOf(NetworkError);
    } finally {
      await new Promise<void>((resolve) => odd.close(() => resolve()));
    }
  });
});
