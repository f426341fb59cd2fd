import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChatSessionTokens } from '../../../../src/citizen/channels/web/web-chat-session-token.ts';
import { WebChatClient } from '../../../support/web-chat-client.ts';
import { startWebChatHarness, type WebChatHarness } from '../../../support/web-chat-harness.ts';

let harness: WebChatHarness;
beforeAll(async () => {
  harness = await startWebChatHarness();
});
afterAll(async () => {
  await harness?.stop();
});

async function waitUntilIdle(chat: WebChatClient): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const answer = await chat.fetchReplies(chat.cursor, 5);
    if (!answer.body.busy) return;
  }
  throw new Error('still busy');
}

describe('web chat messages and replies', () => {
  it('records a message sent five times at once with one client message id once, answering 200 to each', async () => {
    const chat = await new WebChatClient(harness.baseUrl).startSession();
    const message = { type: 'command', command: 'start' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => chat.post(message, 'same-id-0001')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    const replies = await chat.collect();
    expect(replies).toHaveLength(1);
    // And again later: still the same single effect.
    expect((await chat.post(message, 'same-id-0001')).body).toEqual({ accepted: true, duplicate: true });
    expect(await chat.collect()).toEqual([]);
    const events = await harness.app.db.inboundEvent.count({
      where: { channel: 'web', chatKey: harness.chatKey(chatIdOf(chat)) },
    });
    expect(events).toBe(1);
  });

  it('serves a reply again to a reloaded page that asks from its old cursor', async () => {
    const chat = await new WebChatClient(harness.baseUrl).startSession();
    await chat.post({ type: 'command', command: 'start' });
    await waitUntilIdle(chat);
    // The page got the reply but was reloaded before it could acknowledge it.
    const before = await chat.fetchReplies('0');
    expect(before.body.replies).toHaveLength(1);
    const reloaded = new WebChatClient(harness.baseUrl, chat.address);
    reloaded.token = chat.token;
    const again = await reloaded.fetchReplies('0');
    expect(again.body.replies).toEqual(before.body.replies);
    // Acknowledged, then asked for from the old cursor (a page whose storage failed): still there.
    await reloaded.fetchReplies(again.body.cursor);
    const afterAck = await reloaded.fetchReplies('0');
    expect(afterAck.body.replies.map((r) => r.id)).toEqual(before.body.replies.map((r) => r.id));
    const row = await harness.app.db.outboundMessage.findUniqueOrThrow({
      where: { id: BigInt(before.body.replies[0]?.id ?? '0') },
    });
    expect(row.status).toBe('sent');
  });

  it('leaves web replies to the page (the dispatcher never sends or fails them) and shows a receipt once', async () => {
    const chat = await new WebChatClient(harness.baseUrl).startSession();
    await chat.start();
    await chat.press('Tiếng Việt');
    await chat.press('Tố giác tội phạm');
    await chat.press('Lừa đảo');
    await chat.text('Một trang mạng giả ngân hàng lừa tôi chuyển tiền vào tài khoản lạ.');
    await chat.press('Trong tuần này');
    await chat.press('Không rõ');
    await chat.press('Bỏ qua');
    await chat.press('Bỏ qua');
    await chat.press('Ẩn danh');
    // Not acknowledged yet: the receipt is pending, waiting for the page, not failed by the dispatcher.
    await chat.post({ type: 'choice', stepName: 'tip_review', choiceId: 'confirm' });
    await waitUntilIdle(chat);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const receiptRow = await harness.app.db.outboundMessage.findFirstOrThrow({
      where: { purpose: 'receipt', reporter: { identityHash: harness.chatKey(chatIdOf(chat)) } },
    });
    expect(receiptRow).toMatchObject({ status: 'pending', attempts: 0 });
    const fresh = await chat.collect();
    const receipts = fresh.filter((shown) => shown.receipt);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.reply.text).toMatch(/Mã tra cứu: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/);
    // Acknowledged: its text is wiped as the dispatcher wipes a delivered receipt, never served again.
    const wiped = await harness.app.db.outboundMessage.findUniqueOrThrow({ where: { id: receiptRow.id } });
    expect(wiped.status).toBe('sent');
    expect(wiped.payloadEnc.length).toBe(0);
    const fromStart = await chat.fetchReplies('0');
    expect(fromStart.body.replies.length).toBeGreaterThan(5);
    expect(fromStart.body.replies.filter((r) => r.receipt)).toEqual([]);
  });

  it("does not let another session read or acknowledge this session's replies", async () => {
    const owner = await new WebChatClient(harness.baseUrl).startSession();
    await owner.post({ type: 'command', command: 'start' });
    await waitUntilIdle(owner);
    const other = await new WebChatClient(harness.baseUrl, owner.address).startSession();
    const peek = await other.fetchReplies('0');
    expect(peek.status).toBe(200);
    expect(peek.body.replies).toEqual([]);
    await other.fetchReplies('9223372036854775807');
    const mine = await owner.fetchReplies('0');
    expect(mine.body.replies).toHaveLength(1);
    const row = await harness.app.db.outboundMessage.findUniqueOrThrow({
      where: { id: BigInt(mine.body.replies[0]?.id ?? '0') },
    });
    expect(row.status).toBe('pending');
    // A forged or missing token reads nothing at all.
    expect((await owner.fetchReplies('0', 0, `${owner.token.slice(0, -2)}AA`)).status).toBe(401);
    const anonymous = new WebChatClient(harness.baseUrl);
    expect((await anonymous.fetchReplies('0')).status).toBe(401);
  });
});

/** The chat id the server derives from a client's token (the harness knows the server's keys). */
function chatIdOf(chat: WebChatClient): string {
  const chatId = createWebChatSessionTokens(harness.config.IDENTITY_HASH_KEY).chatIdOf(chat.token);
  if (!chatId) throw new Error('token not issued by this harness');
  return chatId;
}
