import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityHasher } from '../../../../src/platform/identity/identity-hasher.ts';
import { deliverZaloEvent, signZaloBody } from '../../../fakes/fake-zalo-webhook.ts';
import { eventually } from '../../../support/eventually.ts';
import { startZaloOaHarness, type ZaloOaHarness } from '../../../support/zalo-oa-harness.ts';

let harness: ZaloOaHarness;
beforeAll(async () => {
  harness = await startZaloOaHarness();
}, 120_000);
afterAll(async () => {
  await harness?.stop();
});

const rowCount = async () => harness.app.db.inboundEvent.count({ where: { channel: 'zalo_oa' } });

describe('the Zalo OA webhook signature', () => {
  it('answers 401 without the header and 403 with a wrong one, writing nothing', async () => {
    const citizen = harness.citizen();
    const before = await rowCount();
    const event = citizen.text('Tố giác');
    expect(await deliverZaloEvent(harness.webhookUrl, event, harness.keys, { signature: null })).toBe(401);
    expect(await deliverZaloEvent(harness.webhookUrl, event, harness.keys, { signature: 'mac=' })).toBe(403);
    expect(
      await deliverZaloEvent(harness.webhookUrl, event, harness.keys, { signature: `mac=${'0'.repeat(64)}` }),
    ).toBe(403);
    // Signed with another OA's secret key, or with the app secret instead of the OA secret key.
    const raw = JSON.stringify(event);
    for (const oaSecretKey of ['another_oa_secret', harness.config.ZALO_OA_APP_SECRET ?? '']) {
      const forged = signZaloBody(raw, { appId: harness.keys.appId, oaSecretKey }, event.timestamp);
      expect(await deliverZaloEvent(harness.webhookUrl, event, harness.keys, { signature: forged })).toBe(
        403,
      );
    }
    expect(await rowCount()).toBe(before);
    expect(harness.zalo.sentMessages(citizen.userId)).toEqual([]);
  });

  it('refuses a valid signature over a changed body: 403 and no row', async () => {
    const citizen = harness.citizen();
    const before = await rowCount();
    const event = citizen.text('Nội dung gốc');
    const signature = signZaloBody(JSON.stringify(event), harness.keys, event.timestamp);
    const changed = JSON.stringify({
      ...event,
      message: { ...(event.message as object), text: 'Nội dung đã sửa' },
    });
    expect(await deliverZaloEvent(harness.webhookUrl, event, harness.keys, { signature, raw: changed })).toBe(
      403,
    );
    // The same bytes re-serialised with other whitespace are other bytes: the hash covers the raw body.
    const spaced = JSON.stringify(event, null, 2);
    expect(await deliverZaloEvent(harness.webhookUrl, event, harness.keys, { signature, raw: spaced })).toBe(
      403,
    );
    // A body that names another app cannot pass either, even signed consistently with that app id.
    const otherApp = { ...event, app_id: '999' };
    const otherRaw = JSON.stringify(otherApp);
    const otherSignature = signZaloBody(
      otherRaw,
      { appId: '999', oaSecretKey: harness.keys.oaSecretKey },
      event.timestamp,
    );
    expect(
      await deliverZaloEvent(harness.webhookUrl, otherApp, harness.keys, { signature: otherSignature }),
    ).toBe(403);
    expect(await rowCount()).toBe(before);
  });

  it('accepts the right signature and stores the event once', async () => {
    const citizen = harness.citizen();
    const event = citizen.text('Xin chào');
    expect(await deliverZaloEvent(harness.webhookUrl, event, harness.keys)).toBe(200);
    const msgId = (event.message as { msg_id: string }).msg_id;
    const rows = await harness.app.db.inboundEvent.findMany({
      where: { channel: 'zalo_oa', platformKey: msgId },
    });
    expect(rows).toHaveLength(1);
    await eventually(
      () => harness.zalo.sentMessages(citizen.userId).length,
      (n) => n === 1,
    );
  });

  it('gives a msg_id replayed five times at once, and again later, exactly one effect', async () => {
    const citizen = harness.citizen();
    const event = citizen.text('Xin chào');
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () => deliverZaloEvent(harness.webhookUrl, event, harness.keys)),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await eventually(
      () => harness.pendingWork(citizen.userId),
      (n) => n === 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await deliverZaloEvent(harness.webhookUrl, event, harness.keys)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const msgId = (event.message as { msg_id: string }).msg_id;
    expect(await harness.app.db.inboundEvent.count({ where: { platformKey: msgId } })).toBe(1);
    expect(harness.zalo.sentMessages(citizen.userId)).toHaveLength(1);
    expect(
      await harness.app.db.reporter.count({ where: { channel: 'zalo_oa', identityHash: { not: '' } } }),
    ).toBeGreaterThan(0);
  });

  it('records a follow without a reporter or a reply, keyed by the keyed hash of the follower and time', async () => {
    const citizen = harness.citizen();
    const follow = citizen.follow();
    expect(await deliverZaloEvent(harness.webhookUrl, follow, harness.keys)).toBe(200);
    const follower = createIdentityHasher(harness.config.IDENTITY_HASH_KEY).hash('zalo_oa', citizen.userId);
    const key = `follow:${follower}:${follow.timestamp}`;
    expect(
      await harness.app.db.inboundEvent.count({ where: { platformKey: { contains: citizen.userId } } }),
    ).toBe(0);
    expect(
      await harness.app.db.inboundEvent.findMany({
        where: { platformKey: key },
        select: { outcome: true, chatKey: true },
      }),
    ).toEqual([{ outcome: 'other', chatKey: null }]);
    expect(await deliverZaloEvent(harness.webhookUrl, follow, harness.keys)).toBe(200);
    expect(await harness.app.db.inboundEvent.count({ where: { platformKey: key } })).toBe(1);
    expect(harness.zalo.sentMessages(citizen.userId)).toEqual([]);
  });

  it('quarantines a signed event whose fields have the wrong types, without a crash', async () => {
    const citizen = harness.citizen();
    // The sender id as a JSON number: JSON.parse would round it, so it must not be read at all.
    const broken = citizen.text('x');
    const raw = JSON.stringify(broken).replace(`"id":"${citizen.userId}"`, `"id":${citizen.userId}`);
    expect(raw).toContain(`"id":${citizen.userId}`);
    expect(await deliverZaloEvent(harness.webhookUrl, broken, harness.keys, { raw })).toBe(200);
    const msgId = (broken.message as { msg_id: string }).msg_id;
    const rows = await harness.app.db.inboundEvent.findMany({
      where: { channel: 'zalo_oa', outcome: 'quarantined' },
    });
    expect(rows.some((r) => r.platformKey.startsWith('sha256:'))).toBe(true);
    expect(await harness.app.db.inboundEvent.count({ where: { platformKey: msgId } })).toBe(0);
    // The app still answers the next good event.
    const next = citizen.text('Xin chào');
    expect(await deliverZaloEvent(harness.webhookUrl, next, harness.keys)).toBe(200);
    await eventually(
      () => harness.zalo.sentMessages(citizen.userId).length,
      (n) => n === 1,
    );
  });
});
