import { afterAll, describe, expect, it } from 'vitest';
import { startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.ts';

let harness: TelegramHarness | undefined;
afterAll(async () => {
  await harness?.stop();
});

describe('createApp', () => {
  it('registers the Telegram webhook with its secret at start-up when PUBLIC_URL is set, keeping pending updates', async () => {
    harness = await startTelegramHarness({ PUBLIC_URL: 'https://tinbao.example.gov.vn' });
    expect(harness.fake.webhook).toMatchObject({
      url: 'https://tinbao.example.gov.vn/webhooks/telegram',
      secretToken: harness.secret,
    });
    expect(harness.fake.dropPendingUpdatesRefusals).toBe(0);
    expect(harness.fake.callsOf('setWebhook')[0]?.params.drop_pending_updates).toBeUndefined();
  });
});
