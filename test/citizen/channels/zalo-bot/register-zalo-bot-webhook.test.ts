import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformRejectedError } from '../../../../src/citizen/channels/delivery-error.ts';
import { registerZaloBotWebhook } from '../../../../src/citizen/channels/zalo-bot/register-zalo-bot-webhook.ts';
import { FakeZaloBotServer } from '../../../fakes/fake-zalo-bot-server.ts';

let fake: FakeZaloBotServer;
beforeAll(async () => {
  fake = await FakeZaloBotServer.start();
});
afterAll(async () => {
  await fake?.close();
});

describe('registerZaloBotWebhook', () => {
  it('sets the webhook URL and the secret the platform echoes back', async () => {
    await registerZaloBotWebhook({
      token: fake.token,
      apiRoot: fake.apiRoot,
      url: 'https://tinbao.example.gov.vn/webhooks/zalo-bot',
      secretToken: 'a_secret_of_sixteen_chars',
    });
    expect(fake.webhook).toEqual({
      url: 'https://tinbao.example.gov.vn/webhooks/zalo-bot',
      secretToken: 'a_secret_of_sixteen_chars',
    });
  });

  it('refuses a secret the platform would refuse, before calling it', async () => {
    const before = fake.calls.length;
    await expect(
      registerZaloBotWebhook({
        token: fake.token,
        apiRoot: fake.apiRoot,
        url: 'https://x.example/',
        secretToken: 'short',
      }),
    ).rejects.toBeInstanceOf(RangeError);
    expect(fake.calls.length).toBe(before);
  });

  it('passes the platform refusal on', async () => {
    await expect(
      registerZaloBotWebhook({
        token: fake.token,
        apiRoot: fake.apiRoot,
        url: 'http://not-https.example/',
        secretToken: 'a_secret_of_sixteen_chars',
      }),
    ).rejects.toBeInstanceOf(PlatformRejectedError);
  });
});
