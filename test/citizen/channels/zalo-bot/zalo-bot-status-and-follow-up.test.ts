import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloBotHarness, ZaloBotChat, type ZaloBotHarness } from '../../../support/zalo-bot-harness.ts';

let harness: ZaloBotHarness;
beforeAll(async () => {
  harness = await startZaloBotHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
});
afterAll(async () => {
  await harness?.stop();
});

const joined = (messages: { text: string }[]) => messages.map((m) => m.text).join('\n');

/** A quick anonymous tip through the chat; returns its register number and receipt code. */
async function submitTip(chat: ZaloBotChat): Promise<{ register: string; code: string }> {
  await chat.choose('Tố giác tội phạm');
  await chat.choose('Cờ bạc');
  await chat.text('Có sòng bạc trong kho hàng sau chợ, tối nào cũng đông người.');
  await chat.choose('Đang xảy ra');
  await chat.choose('Không rõ');
  await chat.choose('Bỏ qua');
  await chat.choose('Bỏ qua');
  await chat.choose('Ẩn danh');
  const receipt = joined(await chat.choose('Gửi tin'));
  const register = /Số vào sổ: (TB-\d{4}-\d{6})/.exec(receipt)?.[1] ?? '';
  const code = /Mã tra cứu: ([0-9A-Z-]{15})/.exec(receipt)?.[1] ?? '';
  expect(register).not.toBe('');
  expect(code).not.toBe('');
  return { register, code };
}

describe('status and follow-up by receipt code over the Zalo Bot', () => {
  it('finds the report by a loosely typed code, refuses a wrong one, and adds text and a photo to it', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    await chat.choose('Tiếng Việt');
    const { register, code } = await submitTip(chat);

    await chat.choose('Tra cứu kết quả');
    const wrong = await chat.text('AAAA-BBBB-CCCCC');
    expect(wrong.at(-1)?.text).toContain('Không tìm thấy tin báo với mã này');
    const found = joined(await chat.text(code.toLowerCase().replaceAll('-', ' ')));
    expect(found).toContain(`Tin số ${register}`);
    expect(found).toContain('Tình trạng: Đã tiếp nhận, đang chờ phân loại');

    await chat.choose('Bổ sung thông tin');
    const content = await chat.text(code);
    expect(content.at(-1)?.text).toContain(`Tin số ${register}`);
    const added = await chat.text('Chủ sòng bạc đi xe ô tô màu đen, biển 30K-999.99.');
    expect(added.at(-1)?.text).toContain('Đã bổ sung vào tin báo');
    await chat.send(chat.citizen.photo('https://f20.zdn.vn/follow-up.jpg'));
    const thanks = await chat.choose('Xong');
    expect(joined(thanks)).toContain('Cảm ơn bạn');

    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register },
      include: { followUps: true, attachments: true },
    });
    expect(report.followUps.map((f) => f.text)).toContain(
      'Chủ sòng bạc đi xe ô tô màu đen, biển 30K-999.99.',
    );
    expect(report.attachments.map((a) => a.platformFileId)).toContain('https://f20.zdn.vn/follow-up.jpg');
  });
});
