import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startZaloBotPolling,
  type ZaloBotPolling,
} from '../../../../src/citizen/channels/zalo-bot/zalo-bot-polling.ts';
import { FakeZaloBotServer } from '../../../fakes/fake-zalo-bot-server.ts';
import { eventually } from '../../../support/eventually.ts';
import { ZaloBotCitizen } from '../../../support/zalo-bot-harness.ts';

let fake: FakeZaloBotServer;
let polling: ZaloBotPolling | null = null;
beforeEach(async () => {
  fake = await FakeZaloBotServer.start();
});
afterEach(async () => {
  await polling?.stop();
  polling = null;
  await fake.close();
});

function start(onUpdate: (update: unknown) => Promise<void>, errors: unknown[] = []) {
  polling = startZaloBotPolling({
    token: fake.token,
    apiRoot: fake.apiRoot,
    onUpdate,
    onError: (error) => errors.push(error),
    pollTimeoutSeconds: 1,
    backoffMs: { initial: 20, max: 100 },
  });
  return polling;
}

const textOf = (update: unknown) => (update as { message: { text: string } }).message.text;

describe('Zalo Bot polling', () => {
  it('deletes a webhook left set, then hands over updates one at a time in order', async () => {
    fake.webhook = { url: 'https://old.example/webhooks/zalo-bot', secretToken: 'old-secret-123' };
    const citizen = new ZaloBotCitizen();
    for (const text of ['một', 'hai', 'ba']) fake.queueUpdate(citizen.text(text));
    const seen: string[] = [];
    start(async (update) => {
      seen.push(textOf(update));
    });
    await eventually(
      () => seen.length,
      (n) => n === 3,
    );
    expect(seen).toEqual(['một', 'hai', 'ba']);
    expect(fake.webhook).toBeNull();
    expect(fake.callsOf('deleteWebhook').length).toBe(1);
  });

  it('keeps waiting through empty long polls and delivers an update queued later', async () => {
    const seen: string[] = [];
    start(async (update) => {
      seen.push(textOf(update));
    });
    await eventually(
      () => fake.callsOf('getUpdates').filter((c) => c.status === 408).length,
      (n) => n >= 1,
    );
    fake.queueUpdate(new ZaloBotCitizen().text('muộn'));
    await eventually(
      () => seen,
      (s) => s.length === 1,
    );
    expect(seen).toEqual(['muộn']);
  });

  it('retries an update whose commit failed instead of losing it (the platform will not resend it)', async () => {
    fake.queueUpdate(new ZaloBotCitizen().text('quan trọng'));
    let attempts = 0;
    const committed: string[] = [];
    const errors: unknown[] = [];
    start(async (update) => {
      attempts += 1;
      if (attempts <= 2) throw new Error('database down');
      committed.push(textOf(update));
    }, errors);
    await eventually(
      () => committed,
      (c) => c.length === 1,
    );
    expect(committed).toEqual(['quan trọng']);
    expect(errors).toHaveLength(2);
    expect(fake.callsOf('getUpdates').filter((c) => c.status === 200)).toHaveLength(1);
  });

  it('backs off and goes on after the platform fails', async () => {
    fake.failNext(2, { code: 502, html: true }, 'getUpdates');
    fake.queueUpdate(new ZaloBotCitizen().text('sau lỗi'));
    const seen: string[] = [];
    const errors: unknown[] = [];
    start(async (update) => {
      seen.push(textOf(update));
    }, errors);
    await eventually(
      () => seen,
      (s) => s.length === 1,
    );
    expect(errors.length).toBe(2);
  });

  it('stops at once while a long poll waits', async () => {
    const running = start(async () => undefined);
    await eventually(
      () => fake.callsOf('getUpdates').length,
      (n) => n >= 1,
    );
    const began = Date.now();
    await running.stop();
    polling = null;
    expect(Date.now() - began).toBeLessThan(1000);
  });
});
