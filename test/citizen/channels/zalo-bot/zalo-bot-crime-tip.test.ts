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

describe('a crime tip over the Zalo Bot, answered by typing', () => {
  it('walks from the first message to a receipt, with a typed place and phone, and stores what was said', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('Xin chào');
    await chat.choose('Tiếng Việt');
    expect(chat.last().text).toContain('Bạn muốn làm gì?');
    expect(chat.last().text).toContain('1. Tố giác tội phạm');
    await chat.choose('Tố giác tội phạm');
    await chat.choose('Ma túy');
    await chat.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
    await chat.choose('Hôm nay');
    // No pin on this channel: the question asks for a typed place, and offers no location button.
    expect(chat.last().text).toContain('Gõ tên tỉnh/thành phố');
    expect(chat.last().text).not.toContain('Gửi vị trí');
    const province = await chat.text('ha noi');
    expect(joined(province)).toContain('Tỉnh/thành: Thành phố Hà Nội.');
    const ward = await chat.text('hoan kiem');
    expect(joined(ward)).toContain('Xã/phường: Phường Hoàn Kiếm.');
    await chat.text('Một thanh niên đi xe máy biển 29A1-12345');
    const photo = await chat.send(chat.citizen.photo('https://f20.zdn.vn/evidence-1.jpg', 'ảnh chụp quán'));
    expect(photo.at(-1)?.text).toContain('Đã nhận tệp thứ 1');
    await chat.choose('Xong');
    await chat.choose('Giữ bí mật');
    // Confidential asks for a typed number here (no contact button).
    expect(chat.last().text).toContain('Nhập số điện thoại');
    await chat.text('0912 345 678');
    const review = chat.last().text;
    expect(review).toContain('Ma túy');
    expect(review).toContain('Phường Hoàn Kiếm');
    const receipt = joined(await chat.choose('Gửi tin'));
    expect(receipt).toMatch(/Mã tra cứu: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/);
    const register = /Số vào sổ: (TB-\d{4}-\d{6})/.exec(receipt)?.[1];
    expect(register).toBeDefined();

    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register ?? '' },
      include: { attachments: true, contact: true },
    });
    expect(report).toMatchObject({
      kind: 'crime_tip',
      category: 'drugs',
      description: 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.',
      occurredWhen: 'today',
      provinceCode: '01',
      wardCode: '00070',
      latitude: null,
      peopleText: 'Một thanh niên đi xe máy biển 29A1-12345',
      anonymity: 'confidential',
      channel: 'zalo_bot',
      language: 'vi',
    });
    expect(report.attachments.map((a) => [a.channel, a.kind, a.platformFileId])).toEqual([
      ['zalo_bot', 'photo', 'https://f20.zdn.vn/evidence-1.jpg'],
    ]);
    expect(report.amendments).toContain('ảnh chụp quán');
    expect(harness.app.protection.cipher.decrypt(Buffer.from(report.contact?.phoneEnc ?? []))).toBe(
      '+84912345678',
    );
    expect(JSON.stringify(report)).not.toContain('912345678');
    // One receipt, and every message within the platform's limit.
    expect(chat.messages().filter((m) => m.text.includes('Mã tra cứu:'))).toHaveLength(1);
    for (const message of chat.messages()) expect([...message.text].length).toBeLessThanOrEqual(2000);
  });

  it('answers wrong inputs with a clear message, asks again and keeps the answers given', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    await chat.choose('Tiếng Việt');
    await chat.choose('Tố giác tội phạm');

    const outOfRange = await chat.text('42');
    expect(outOfRange.at(-1)?.text).toContain('Xin vui lòng chọn một trong các lựa chọn');
    expect(outOfRange.at(-1)?.text).toContain('Bạn muốn tố giác loại tội phạm nào?');
    await chat.choose('Lừa đảo');

    const tooShort = await chat.text('lừa');
    expect(tooShort.at(-1)?.text).toContain('Câu trả lời quá ngắn');
    await chat.text('Một trang web giả ngân hàng lừa lấy mã OTP của người già.');

    const oneLetter = await chat.text('x');
    expect(oneLetter.at(-1)?.text).toContain('Xin vui lòng chọn một trong các lựa chọn');
    await chat.text('21h tối 20/11');

    const noProvince = await chat.text('zzzz');
    expect(noProvince.at(-1)?.text).toContain('Không tìm thấy tỉnh/thành nào khớp với "zzzz"');
    await chat.text('nghe an');
    const noWard = await chat.text('qqqq');
    expect(noWard.at(-1)?.text).toContain('Không tìm thấy xã/phường nào khớp với "qqqq"');
    const wards = await chat.text('vinh');
    expect(wards.at(-1)?.text).toContain('Chọn xã/phường');
    expect(chat.choices().map((c) => c.label)).toContain('Phường Vinh Hưng');
    await chat.choose('Phường Vinh Hưng');
    await chat.choose('Bỏ qua');

    const sticker = await chat.send(chat.citizen.sticker());
    expect(sticker.at(-1)?.text).toContain('Loại tin nhắn này không dùng được ở đây.');
    await chat.choose('Bỏ qua');
    await chat.choose('Giữ bí mật');
    const badPhone = await chat.text('12345');
    expect(badPhone.at(-1)?.text).toContain('Số điện thoại chưa đúng');
    const landline = await chat.text('024 3825 1234');
    expect(landline.at(-1)?.text).toContain('Số điện thoại chưa đúng');
    // Changing one's mind: the numbered "Gửi ẩn danh" entry.
    await chat.choose('Gửi ẩn danh');
    const receipt = joined(await chat.choose('Gửi tin'));
    const register = /Số vào sổ: (TB-\d{4}-\d{6})/.exec(receipt)?.[1];
    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register ?? '' },
      include: { contact: true, attachments: true },
    });
    expect(report).toMatchObject({
      category: 'fraud',
      description: 'Một trang web giả ngân hàng lừa lấy mã OTP của người già.',
      occurredText: '21h tối 20/11',
      occurredWhen: null,
      provinceCode: '40',
      wardCode: '17920',
      peopleText: null,
      anonymity: 'anonymous',
    });
    expect(report.contact).toBeNull();
    expect(report.attachments).toEqual([]);
  });
});
