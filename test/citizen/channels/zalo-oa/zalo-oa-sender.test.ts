import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, PlatformRejectedError } from '../../../../src/citizen/channels/delivery-error.ts';
import { ZaloApiError } from '../../../../src/citizen/channels/zalo-oa/zalo-api-error.ts';
import { createZaloOaApi } from '../../../../src/citizen/channels/zalo-oa/zalo-oa-api.ts';
import { createZaloOaSender } from '../../../../src/citizen/channels/zalo-oa/zalo-oa-sender.ts';
import type { RenderedReply } from '../../../../src/citizen/engine/reply.ts';
import { eventually } from '../../../support/eventually.ts';
import { startZaloOaHarness, ZaloChat, type ZaloOaHarness } from '../../../support/zalo-oa-harness.ts';

let harness: ZaloOaHarness;
beforeAll(async () => {
  harness = await startZaloOaHarness();
}, 120_000);
afterAll(async () => {
  await harness?.stop();
});

/** A citizen who has talked to the OA once (so a reporter and a token exist). */
async function knownCitizen() {
  const chat = new ZaloChat(harness);
  await chat.text('Xin chào');
  const reporter = await harness.app.db.reporter.findFirstOrThrow({
    where: { identityHash: harness.app.protection.hasher.hash('zalo_oa', chat.userId) },
  });
  return { chat, reporterId: reporter.id };
}

/** A reply due to a reporter, as an officer's later message would be queued. */
async function queueReply(reporterId: string, text: string): Promise<bigint> {
  const reply: RenderedReply = { text, choices: [] };
  const payload = harness.app.protection.cipher.encrypt(JSON.stringify({ type: 'reply', reply }));
  const [row] = await harness.app.db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO outbound_message (channel, reporter_id, purpose, payload_enc)
    VALUES ('zalo_oa', ${reporterId}::uuid, 'reply', ${payload}) RETURNING id`;
  // The dispatcher polls for due messages: no kick needed.
  return row?.id ?? 0n;
}

const settled = (id: bigint) =>
  eventually(
    () => harness.app.db.outboundMessage.findUniqueOrThrow({ where: { id } }),
    (m) => m.status !== 'pending',
    20_000,
  );

describe('the Zalo OA sender in the dispatcher', () => {
  it('does not send a reply due more than 7 days after the last message, and records why', async () => {
    const { chat, reporterId } = await knownCitizen();
    const sentBefore = chat.messages().length;
    const callsBefore = harness.zalo.calls.length;
    await harness.app.db.$executeRaw`
      UPDATE reporter SET last_interaction_at = now() - interval '7 days 1 hour' WHERE id = ${reporterId}::uuid`;
    const message = await settled(await queueReply(reporterId, 'Cán bộ cần hỏi thêm.'));
    expect(message.status).toBe('failed');
    expect(message.lastError).toMatch(/reply window/);
    expect(chat.messages()).toHaveLength(sentBefore);
    expect(harness.zalo.calls.length).toBe(callsBefore);

    // Control: six days of silence is still inside the window.
    await harness.app.db.$executeRaw`
      UPDATE reporter SET last_interaction_at = now() - interval '6 days' WHERE id = ${reporterId}::uuid`;
    const inside = await settled(await queueReply(reporterId, 'Cán bộ cần hỏi thêm.'));
    expect(inside.status).toBe('sent');
    expect(chat.messages().at(-1)?.text).toBe('Cán bộ cần hỏi thêm.');
  });

  it('gives up at once when Zalo itself says -230 (outside the window)', async () => {
    const { reporterId } = await knownCitizen();
    harness.zalo.failNext(1, { error: -230, message: 'User has not interacted with the OA in 7 days' });
    const message = await settled(await queueReply(reporterId, 'Tin nhắn'));
    expect(message.status).toBe('failed');
    expect(message.attempts).toBe(1);
    expect(message.lastError).toMatch(/^-230 outside the 7-day reply window/);
  });

  it('refreshes the access token after -216 and sends once more, delivered', async () => {
    const { chat, reporterId } = await knownCitizen();
    const used = harness.zalo.calls.at(-1)?.accessToken ?? '';
    harness.oauth.revokeAccessToken(used);
    const issuedBefore = harness.oauth.calls.filter((c) => c.outcome === 'issued').length;
    const callsBefore = harness.zalo.calls.length;
    const message = await settled(await queueReply(reporterId, 'Sau khi làm mới token'));
    expect(message.status).toBe('sent');
    expect(message.attempts).toBe(1);
    expect(harness.zalo.calls.slice(callsBefore).map((c) => c.answer)).toEqual([-216, 0]);
    expect(harness.oauth.calls.filter((c) => c.outcome === 'issued')).toHaveLength(issuedBefore + 1);
    expect(chat.messages().at(-1)?.text).toBe('Sau khi làm mới token');
    const row = await harness.app.db.zaloOaToken.findUniqueOrThrow({ where: { appId: harness.keys.appId } });
    expect(harness.app.protection.cipher.decrypt(Buffer.from(row.refreshTokenEnc ?? []))).toBe(
      harness.oauth.latestIssuedRefreshToken(),
    );
  });

  it('retries a 5xx answer later and delivers', async () => {
    const { chat, reporterId } = await knownCitizen();
    harness.zalo.failNext(1, { status: 502 });
    const message = await settled(await queueReply(reporterId, 'Sau lỗi 502'));
    expect(message.status).toBe('sent');
    expect(message.attempts).toBe(2);
    expect(chat.messages().at(-1)?.text).toBe('Sau lỗi 502');
  });
});

describe('Zalo OA errors as the dispatcher sees them', () => {
  it('maps -32 to a retryable rate limit, -230/-232 and others to final refusals, silence to a network error', async () => {
    const token = 'at_fixed';
    const api = createZaloOaApi({
      apiRoot: harness.zalo.root,
      oauthRoot: harness.oauth.root,
      appId: harness.keys.appId,
      appSecret: 'unused',
    });
    harness.oauth.accessTokens.set(token, Date.now() + 3_600_000);
    const sender = createZaloOaSender({
      api,
      tokens: { accessToken: async () => token, replaceRejected: async () => token },
    });
    const reply = { type: 'reply' as const, reply: { text: 'x', choices: [] } };
    const failure = async () => sender.send('2468458835296117922', reply).catch((error: unknown) => error);

    harness.zalo.failNext(1, { error: -32 });
    const limited = await failure();
    expect(limited).toBeInstanceOf(ZaloApiError);
    expect((limited as ZaloApiError).retryable).toBe(true);
    expect((limited as ZaloApiError).retryAfterSeconds).toBeGreaterThan(0);
    for (const code of [-230, -232, -201]) {
      harness.zalo.failNext(1, { error: code });
      const refused = await failure();
      expect(refused).toBeInstanceOf(ZaloApiError);
      expect((refused as ZaloApiError).retryable).toBe(false);
    }
    harness.zalo.failNext(1, { status: 500 });
    const serverError = await failure();
    expect(serverError).toBeInstanceOf(PlatformRejectedError);
    expect((serverError as PlatformRejectedError).retryable).toBe(true);
    const unreachable = createZaloOaSender({
      api: createZaloOaApi({
        apiRoot: 'http://127.0.0.1:9',
        oauthRoot: 'http://127.0.0.1:9',
        appId: '1',
        appSecret: 'x',
      }),
      tokens: { accessToken: async () => token, replaceRejected: async () => token },
    });
    await expect(unreachable.send('1', reply)).rejects.toBeInstanceOf(NetworkError);
    // A token error is retried once only: a second -216 is the caller's to see.
    harness.zalo.failNext(2, { error: -216 });
    const twice = await failure();
    expect((twice as ZaloApiError).zaloCode).toBe(-216);
    expect(await failure()).toBeUndefined();
  });
});
