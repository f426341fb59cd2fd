import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTip, fullTip, ScriptRun } from '../../../parity/parity-scripts.ts';
import { zaloBotParityChat } from '../../../parity/zalo-bot-parity-channel.ts';
import { startZaloBotHarness, ZaloBotChat, type ZaloBotHarness } from '../../../support/zalo-bot-harness.ts';

// What every channel does alike is in test/parity; here is what the text-only Zalo Bot asks differently.
let harness: ZaloBotHarness;
beforeAll(async () => {
  harness = await startZaloBotHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
});
afterAll(async () => {
  await harness?.stop();
});

describe('a crime tip over the Zalo Bot, where everything is typed', () => {
  it('asks for the place and the phone to be typed, offering no location or contact button, and takes no sticker', async () => {
    const chat = new ZaloBotChat(harness);
    const run = new ScriptRun(zaloBotParityChat(chat));
    const said = await answerTip(run, fullTip, { until: 'evidence' });
    const place = said.when?.at(-1)?.text;
    expect(place).toContain('Gõ tên tỉnh/thành phố');
    expect(place).not.toContain('Gửi vị trí');
    // A sticker at the evidence question is no file: this platform's stickers are refused as such.
    const sticker = await chat.send(chat.citizen.sticker());
    expect(sticker.at(-1)?.text).toContain('Loại tin nhắn này không dùng được ở đây.');
    const rest = await answerTip(run, fullTip, { from: 'evidence', until: 'contact' });
    const contact = rest.anonymity?.at(-1)?.text;
    expect(contact).toContain('Nhập số điện thoại');
    expect(contact).not.toContain('Chia sẻ số điện thoại');
  });
});
