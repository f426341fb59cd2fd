import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, PlatformRejectedError } from '../../../../src/citizen/channels/delivery-error.ts';
import { createTelegramApi } from '../../../../src/citizen/channels/telegram/telegram-api.ts';
import { FakeTelegramServer } from '../../../fakes/fake-telegram-server.ts';

describe('createTelegramApi', () => {
  let fake: FakeTelegramServer;
  beforeEach(async () => {
    fake = await FakeTelegramServer.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it("resolves with Telegram's result", async () => {
    const api = createTelegramApi({ token: fake.token, apiRoot: fake.apiRoot });
    const me = await api.call('getMe', {}, { timeoutMs: 2000 });
    expect(me.username).toBe(fake.botUser.username);
  });

  it('turns a refusal into PlatformRejectedError with code and description', async () => {
    const api = createTelegramApi({ token: fake.token, apiRoot: fake.apiRoot });
    const error = await api
      .call('getFile', { file_id: 'nope' }, { timeoutMs: 2000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 400, description: 'Bad Request: invalid file_id', retryable: false });
  });

  it('turns a wrong token into a non-retryable 401 and keeps the token out of the message', async () => {
    const api = createTelegramApi({ token: '123:wrong-secret', apiRoot: fake.apiRoot });
    const error = await api.call('getMe', {}, { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 401, description: 'Unauthorized', retryable: false });
    expect(String((error as Error).message)).not.toContain('wrong-secret');
  });

  it('fails with NetworkError when Telegram does not answer in time', async () => {
    const api = createTelegramApi({ token: fake.token, apiRoot: fake.apiRoot });
    // A long poll with nothing queued keeps the request open for 5 s.
    const started = Date.now();
    const error = await api.call('getUpdates', { timeout: 5 }, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails with NetworkError at once when the caller aborts', async () => {
    const api = createTelegramApi({ token: fake.token, apiRoot: fake.apiRoot });
    const controller = new AbortController();
    const pending = api.call('getUpdates', { timeout: 5 }, { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(NetworkError);
  });

  it('fails with NetworkError when nothing listens on the port', async () => {
    const closed = await FakeTelegramServer.start();
    const apiRoot = closed.apiRoot;
    await closed.close();
    const api = createTelegramApi({ token: closed.token, apiRoot });
    await expect(api.call('getMe', {}, { timeoutMs: 2000 })).rejects.toBeInstanceOf(NetworkError);
  });
});
