import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlatformRejectedError } from '../../../../src/citizen/channels/delivery-error.ts';
import {
  startTelegramPolling,
  type TelegramPolling,
} from '../../../../src/citizen/channels/telegram/telegram-polling.ts';
import { FakeTelegramServer } from '../../../fakes/fake-telegram-server.ts';
import { TelegramUpdateBuilder } from '../../../fakes/telegram-updates.ts';

const fastBackoff = { initial: 10, max: 40 };

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function updateIdOf(update: unknown): number {
  return (update as { update_id: number }).update_id;
}

describe('startTelegramPolling', () => {
  let fake: FakeTelegramServer;
  let polling: TelegramPolling | undefined;
  const updates = new TelegramUpdateBuilder();

  beforeEach(async () => {
    fake = await FakeTelegramServer.start();
  });
  afterEach(async () => {
    await polling?.stop();
    polling = undefined;
    await fake.close();
  });

  function start(onUpdate: (update: unknown) => Promise<void>, onError?: (error: unknown) => void) {
    polling = startTelegramPolling({
      token: fake.token,
      apiRoot: fake.apiRoot,
      onUpdate,
      ...(onError ? { onError } : {}),
      pollTimeoutSeconds: 1,
      backoffMs: fastBackoff,
    });
    return polling;
  }

  it('deletes the webhook without dropping pending updates, then hands them over in order', async () => {
    fake.webhook = {
      url: 'https://example.test/hook',
      secretToken: 's',
      allowedUpdates: [],
      maxConnections: 40,
    };
    const first = updates.text('một');
    const second = updates.text('hai');
    fake.queueUpdate(first);
    fake.queueUpdate(second);
    const seen: number[] = [];
    start(async (update) => {
      seen.push(updateIdOf(update));
    });
    await vi.waitFor(() => expect(seen).toEqual([first.update_id, second.update_id]));
    const [deleteCall] = fake.callsOf('deleteWebhook');
    expect(deleteCall?.params.drop_pending_updates).toBeUndefined();
    expect(fake.dropPendingUpdatesRefusals).toBe(0);
    expect(fake.webhook).toBeNull();
    expect(fake.callsOf('getUpdates')[0]?.params.allowed_updates).toEqual([
      'message',
      'edited_message',
      'callback_query',
    ]);
  });

  it('moves the offset past an update only after onUpdate resolved', async () => {
    const update = updates.text('tố giác');
    fake.queueUpdate(update);
    const commit = deferred();
    let calls = 0;
    start(async () => {
      calls++;
      await commit.promise;
    });
    await vi.waitFor(() => expect(calls).toBe(1));
    // While the update is being committed, Telegram has not been told it is done.
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.pendingUpdateIds()).toEqual([update.update_id]);
    expect(fake.callsOf('getUpdates').some((c) => Number(c.params.offset) > update.update_id)).toBe(false);

    commit.resolve();
    await vi.waitFor(() => expect(fake.pendingUpdateIds()).toEqual([]));
    expect(fake.callsOf('getUpdates').at(-1)?.params.offset).toBe(update.update_id + 1);
    expect(calls).toBe(1);
  });

  it('fetches an update again when onUpdate failed, and reports the failure', async () => {
    const update = updates.photo({ caption: 'ảnh' });
    fake.queueUpdate(update);
    const seen: number[] = [];
    const errors: unknown[] = [];
    start(
      async (u) => {
        seen.push(updateIdOf(u));
        if (seen.length === 1) throw new Error('database down');
      },
      (error) => errors.push(error),
    );
    await vi.waitFor(() => expect(seen).toEqual([update.update_id, update.update_id]));
    await vi.waitFor(() => expect(fake.pendingUpdateIds()).toEqual([]));
    expect(errors).toEqual([new Error('database down')]);
  });

  it('answers a button press once it is committed, and not one whose commit failed', async () => {
    const press = updates.callbackQuery('c|menu|tip');
    fake.queueUpdate(press);
    let attempts = 0;
    const answersWhenCommitting: number[] = [];
    start(async () => {
      answersWhenCommitting.push(fake.callsOf('answerCallbackQuery').length);
      if (++attempts === 1) throw new Error('database down');
    });
    await vi.waitFor(() => expect(fake.callsOf('answerCallbackQuery')).toHaveLength(1));
    expect(answersWhenCommitting).toEqual([0, 0]);
    expect(fake.callsOf('answerCallbackQuery')[0]).toMatchObject({
      params: { callback_query_id: press.callback_query?.id },
      status: 200,
    });
  });

  it('does not skip the updates behind a failed one in the same batch', async () => {
    const batch = [updates.text('1'), updates.text('2'), updates.text('3')];
    for (const u of batch) fake.queueUpdate(u);
    const seen: number[] = [];
    start(async (u) => {
      seen.push(updateIdOf(u));
      if (seen.length === 2) throw new Error('fails once');
    });
    const ids = batch.map((u) => u.update_id);
    await vi.waitFor(() => expect(seen).toEqual([ids[0], ids[1], ids[1], ids[2]]));
  });

  it('backs off and retries when getUpdates fails', async () => {
    fake.failNext(2, { code: 500 }, 'getUpdates');
    const update = updates.text('sau lỗi');
    fake.queueUpdate(update);
    const errors: unknown[] = [];
    const seen: number[] = [];
    start(
      async (u) => {
        seen.push(updateIdOf(u));
      },
      (error) => errors.push(error),
    );
    await vi.waitFor(() => expect(seen).toEqual([update.update_id]));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(PlatformRejectedError);
    expect(errors[0]).toMatchObject({ code: 500 });
  });

  it('delivers an update queued during a long poll without waiting for the poll to time out', async () => {
    const seen: number[] = [];
    polling = startTelegramPolling({
      token: fake.token,
      apiRoot: fake.apiRoot,
      pollTimeoutSeconds: 20,
      onUpdate: async (u) => {
        seen.push(updateIdOf(u));
      },
    });
    await vi.waitFor(() => expect(fake.callsOf('getUpdates')).toHaveLength(1));
    const update = updates.text('ngay');
    const queuedAt = Date.now();
    fake.queueUpdate(update);
    await vi.waitFor(() => expect(seen).toEqual([update.update_id]));
    expect(Date.now() - queuedAt).toBeLessThan(1000);
  });

  it('stops promptly during a long poll and tells Telegram what it committed', async () => {
    const update = updates.text('xong');
    fake.queueUpdate(update);
    const seen: number[] = [];
    const p = startTelegramPolling({
      token: fake.token,
      apiRoot: fake.apiRoot,
      pollTimeoutSeconds: 20,
      onUpdate: async (u) => {
        seen.push(updateIdOf(u));
      },
    });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await vi.waitFor(() => expect(fake.callsOf('getUpdates').length).toBeGreaterThanOrEqual(2));
    const stoppedAt = Date.now();
    await p.stop();
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(fake.pendingUpdateIds()).toEqual([]);
  });
});
