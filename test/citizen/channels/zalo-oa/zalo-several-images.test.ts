import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloOaHarness, ZaloChat, type ZaloOaHarness } from '../../../support/zalo-oa-harness.ts';

let harness: ZaloOaHarness;
beforeAll(async () => {
  harness = await startZaloOaHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
});
afterAll(async () => {
  await harness?.stop();
});

/** Presses the button, or types the number of a listed choice, as a citizen would. */
function choose(chat: ZaloChat, label: string) {
  const last = chat.messages().at(-1);
  return last?.buttons.some((b) => b.title.includes(label)) ? chat.press(label) : chat.typeNumberOf(label);
}

describe('one Zalo message with several images', () => {
  it('attaches every image to the report and answers once for them', async () => {
    const chat = new ZaloChat(harness);
    await chat.text('Xin chào');
    for (const label of ['Tiếng Việt', 'Tố giác tội phạm', 'Trộm cắp']) await choose(chat, label);
    await chat.text('Kẻ trộm xe máy bị camera nhà tôi ghi lại, tôi gửi ảnh.');
    await choose(chat, 'Hôm nay');
    await choose(chat, 'Không rõ');
    await chat.text('Không rõ');
    const urls = [1, 2, 3].map((n) => `https://f${n}.media.invalid/photo-${n}.jpg`);
    const answer = await chat.send(chat.citizen.images(urls));
    expect(answer.filter((m) => m.text !== undefined)).toHaveLength(1);
    await choose(chat, 'Xong');
    await choose(chat, 'Ẩn danh');
    const receipt = (await choose(chat, 'Gửi tin')).map((m) => m.text ?? '').join('\n');
    const register = /Số vào sổ: (TB-\d{4}-\d{6})/.exec(receipt)?.[1] ?? '';
    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register },
      include: { attachments: { orderBy: { createdAt: 'asc' } } },
    });
    expect(report.attachments.map((a) => a.platformFileId).sort()).toEqual(urls.sort());
  });
});
