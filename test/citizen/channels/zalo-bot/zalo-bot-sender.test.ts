import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformRejectedError } from '../../../../src/citizen/channels/delivery-error.ts';
import { createZaloBotSender } from '../../../../src/citizen/channels/zalo-bot/zalo-bot-sender.ts';
import { keyedChoice } from '../../../../src/citizen/engine/choice-step.ts';
import { renderReply } from '../../../../src/intake/outbound/render-reply.ts';
import { FakeZaloBotServer } from '../../../fakes/fake-zalo-bot-server.ts';

let fake: FakeZaloBotServer;
beforeAll(async () => {
  fake = await FakeZaloBotServer.start();
});
afterAll(async () => {
  await fake?.close();
});

const sender = () => createZaloBotSender({ token: fake.token, apiRoot: fake.apiRoot });

describe('the Zalo Bot sender', () => {
  it('sends a reply as one text with its choices numbered', async () => {
    const reply = renderReply(
      { text: [{ key: 'tip.category_question' }], choices: [keyedChoice('drugs', 'category')] },
      'vi',
    );
    await sender().send('chat-1', { type: 'reply', reply });
    const [message] = fake.sentMessages('chat-1');
    expect(message?.text).toContain('Bạn muốn tố giác loại tội phạm nào?\n\n1. Ma túy\n');
  });

  it('splits a reply over 2,000 characters into messages the platform accepts, choices last', async () => {
    const long = renderReply(
      {
        text: [{ key: 'errors.too_long', params: { limit: 'x'.repeat(4500) } }],
        choices: [keyedChoice('done', 'evidence')],
      },
      'vi',
    );
    await sender().send('chat-2', { type: 'reply', reply: long });
    const sent = fake.sentMessages('chat-2');
    expect(sent.length).toBe(3);
    for (const message of sent) expect([...message.text].length).toBeLessThanOrEqual(2000);
    expect(sent.at(-1)?.text).toContain('1. ✅ Xong');
  });

  it('does nothing for a stored button answer, which this platform does not have', async () => {
    const before = fake.calls.length;
    await sender().send('chat-3', { type: 'answer_callback', callbackQueryId: 'q' });
    expect(fake.calls.length).toBe(before);
  });

  it('passes a 429 on with its wait, for the dispatcher to retry', async () => {
    fake.failNext(1, { code: 429, retryAfter: 3 }, 'sendMessage');
    const reply = renderReply({ text: [{ key: 'place.location_saved' }] }, 'vi');
    await expect(sender().send('chat-4', { type: 'reply', reply })).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof PlatformRejectedError && error.retryAfterSeconds === 3 && error.retryable,
    );
    expect(fake.sentMessages('chat-4')).toEqual([]);
  });
});
