import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTip, fullTip, ScriptRun } from '../../../parity/parity-scripts.ts';
import { webChatParityChat } from '../../../parity/web-chat-parity-channel.ts';
import { WebChatClient } from '../../../support/web-chat-client.ts';
import { startWebChatHarness, type WebChatHarness } from '../../../support/web-chat-harness.ts';

// What every channel does alike is in test/parity; here is what the web chat asks differently.
let harness: WebChatHarness;
beforeAll(async () => {
  harness = await startWebChatHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('a crime tip over the web chat, as a browser can answer it', () => {
  it('offers the location button, says it takes no files, asks for a typed phone, and marks one receipt', async () => {
    const chat = await new WebChatClient(harness.baseUrl).startSession();
    const run = new ScriptRun(webChatParityChat(chat));
    await answerTip(run, fullTip, { until: 'place' });
    // The browser can share a location: the question offers the button.
    expect(chat.last()).toMatchObject({ request: 'location', requestLabel: '📍 Gửi vị trí' });
    await answerTip(run, fullTip, { from: 'place', until: 'evidence' });
    // No files on the web: the evidence question says so instead of asking for photos.
    expect(chat.last().text).toContain('Kênh này chưa nhận được tệp');
    await answerTip(run, fullTip, { from: 'evidence', until: 'contact' });
    // No contact button on the web: the number is typed, with a way back to anonymity.
    const contact = chat.last();
    expect(contact.request).toBeUndefined();
    expect(contact.text).toContain('Nhập số điện thoại');
    expect(contact.choices.map((c) => c.label)).toContain('Gửi ẩn danh');
    await answerTip(run, fullTip, { from: 'contact' });
    expect(run.outcome.registerNumbers).toHaveLength(1);
    expect(chat.shown.filter((shown) => shown.receipt)).toHaveLength(1);
  });
});
