import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformRejectedError } from '../../../../src/citizen/channels/delivery-error.ts';
import { registerTelegramWebhook } from '../../../../src/citizen/channels/telegram/register-telegram-webhook.ts';
import { FakeTelegramServer } from '../../../fakes/fake-telegram-server.ts';
import { TelegramUpdateBuilder } from '../../../fakes/telegram-updates.ts';

describe('registerTelegramWebhook', () => {
  let fake: FakeTelegramServer;
  beforeEach(async () => {
    fake = await FakeTelegramServer.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sets url, secret token, update kinds and connections, and keeps pending updates', async () => {
    const backlog = new TelegramUpdateBuilder().text('gửi trong lúc triển khai');
    fake.queueUpdate(backlog);
    await registerTelegramWebhook({
      token: fake.token,
      apiRoot: fake.apiRoot,
      url: 'https://tinbao.example.vn/webhooks/telegram',
      secretToken: 'Zx9_secret-TOKEN',
      maxConnections: 20,
    });
    expect(fake.webhook).toEqual({
      url: 'https://tinbao.example.vn/webhooks/telegram',
      secretToken: 'Zx9_secret-TOKEN',
      allowedUpdates: ['message', 'edited_message', 'callback_query'],
      maxConnections: 20,
    });
    const [call] = fake.callsOf('setWebhook');
    expect(call?.status).toBe(200);
    expect(call?.params).not.toHaveProperty('drop_pending_updates');
    expect(fake.dropPendingUpdatesRefusals).toBe(0);
    expect(fake.pendingUpdateIds()).toEqual([backlog.update_id]);
  });

  it('refuses a secret token Telegram would not accept, before calling it', async () => {
    await expect(
      registerTelegramWebhook({
        token: fake.token,
        apiRoot: fake.apiRoot,
        url: 'https://tinbao.example.vn/webhooks/telegram',
        secretToken: 'has spaces!',
      }),
    ).rejects.toThrow(RangeError);
    expect(fake.callsOf('setWebhook')).toEqual([]);
  });

  it('reports a refusal by Telegram as PlatformRejectedError', async () => {
    fake.failNext(1, { code: 429, retryAfter: 3 });
    await expect(
      registerTelegramWebhook({
        token: fake.token,
        apiRoot: fake.apiRoot,
        url: 'https://tinbao.example.vn/webhooks/telegram',
        secretToken: 'abc',
      }),
    ).rejects.toBeInstanceOf(PlatformRejectedError);
  });
});
