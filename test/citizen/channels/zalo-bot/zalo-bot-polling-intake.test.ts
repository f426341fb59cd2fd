import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../support/eventually.ts';
import {
  deliverZaloBotUpdate,
  startZaloBotHarness,
  ZaloBotCitizen,
  type ZaloBotHarness,
} from '../../../support/zalo-bot-harness.ts';

let harness: ZaloBotHarness;
beforeAll(async () => {
  harness = await startZaloBotHarness({ ZALO_BOT_MODE: 'polling', ZALO_BOT_WEBHOOK_SECRET: '' });
});
afterAll(async () => {
  await harness?.stop();
});

describe('Zalo Bot polling mode (development)', () => {
  it('delivers updates into the same intake: stored, answered in order, a repeat has no second effect', async () => {
    const citizen = new ZaloBotCitizen();
    const start = citizen.text('/start');
    harness.fake.queueUpdate(start);
    harness.fake.queueUpdate(citizen.text('2'));
    // The same update handed out twice (a platform retry) is a duplicate.
    harness.fake.queueUpdate(start);
    const sent = await eventually(
      () => harness.fake.sentMessages(citizen.chatId),
      (messages) => messages.length >= 2,
      20_000,
    );
    expect(sent[0]?.text).toContain('Vui lòng chọn ngôn ngữ');
    expect(sent[1]?.text).toContain('What would you like to do?');
    // The poller asks for the next update only after committing the last: a fourth call means
    // the repeated third update went through the intake.
    await eventually(
      () => harness.fake.callsOf('getUpdates').map((call) => call.status),
      (statuses) => {
        const third = statuses.flatMap((status, index) => (status === 200 ? [index] : []))[2];
        return third !== undefined && third < statuses.length - 1;
      },
    );
    await eventually(
      () => harness.pendingWork(citizen.chatId),
      (n) => n === 0,
    );
    const events = await harness.app.db.inboundEvent.findMany({
      where: { chatKey: harness.chatKey(citizen.chatId) },
    });
    expect(events).toHaveLength(2);
    expect(harness.fake.sentMessages(citizen.chatId)).toHaveLength(2);
  });

  it('registers no webhook route in polling mode', async () => {
    expect(harness.fake.callsOf('setWebhook')).toEqual([]);
    const status = await deliverZaloBotUpdate(
      harness.webhookUrl,
      new ZaloBotCitizen().text('x'),
      'any-secret-value',
    );
    expect(status).toBe(404);
  });
});
