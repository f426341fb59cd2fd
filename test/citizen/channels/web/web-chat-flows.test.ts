import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebChatClient } from '../../../support/web-chat-client.ts';
import { startWebChatHarness, type WebChatHarness } from '../../../support/web-chat-harness.ts';

let harness: WebChatHarness;
beforeAll(async () => {
  harness = await startWebChatHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('reports over the web chat API', () => {
  it('walks a crime tip from the first message to a receipt, with a typed phone for a confidential tip', async () => {
    const chat = await new WebChatClient(harness.baseUrl).startSession();
    const first = await chat.start();
    expect(first.at(-1)?.reply.text).toContain('chọn ngôn ngữ');
    await chat.press('Tiếng Việt');
    await chat.press('Tố giác tội phạm');
    await chat.press('Ma túy');
    await chat.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
    const place = await chat.press('Hôm nay');
    // The browser can share a location: the question offers the button.
    expect(place.at(-1)?.reply).toMatchObject({ request: 'location', requestLabel: '📍 Gửi vị trí' });
    const afterPin = await chat.send({ type: 'location', latitude: 21.0333, longitude: 105.85 });
    expect(afterPin[0]?.reply.text).toContain('Đã ghi nhận vị trí');
    const evidence = await chat.text('Một thanh niên đi xe máy biển 29A1-12345');
    // No files on the web: the evidence question says so instead of asking for photos.
    expect(evidence.at(-1)?.reply.text).toContain('Kênh này chưa nhận được tệp');
    await chat.press('Bỏ qua');
    const contact = await chat.press('Giữ bí mật');
    // No contact button on the web: the reporter is asked to type the number, with a way back to anonymity.
    expect(contact.at(-1)?.reply.request).toBeUndefined();
    expect(contact.at(-1)?.reply.text).toContain('Nhập số điện thoại');
    expect(contact.at(-1)?.reply.choices.map((c) => c.label)).toContain('Gửi ẩn danh');
    const review = await chat.text('0912 345 678');
    expect(review.at(-1)?.reply.text).toContain('Ma túy');
    const receipt = await chat.press('Gửi tin');
    const receiptReply = receipt.find((shown) => shown.receipt);
    expect(receiptReply?.reply.text).toMatch(/Mã tra cứu: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/);
    const register = /Số vào sổ: (TB-\d{4}-\d{6})/.exec(receiptReply?.reply.text ?? '')?.[1];

    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register ?? '' },
      include: { contact: true },
    });
    expect(report).toMatchObject({
      kind: 'crime_tip',
      category: 'drugs',
      description: 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.',
      occurredWhen: 'today',
      latitude: 21.0333,
      longitude: 105.85,
      anonymity: 'confidential',
      channel: 'web',
    });
    expect(report.contact).not.toBeNull();
    expect(chat.shown.filter((shown) => shown.receipt)).toHaveLength(1);
  });

  it('takes a trafficking report in English with the danger check, typed numbers and a province search', async () => {
    const chat = await new WebChatClient(harness.baseUrl, undefined, 'en').startSession();
    await chat.start();
    await chat.press('English');
    await chat.press('trafficking');
    const afterDanger = await chat.press('Yes');
    const dangerText = afterDanger.map((shown) => shown.reply.text).join('\n');
    expect(dangerText).toContain('113');
    expect(dangerText).toContain('111');
    await chat.press('A family member');
    await chat.text('2'); // the typed number of "No" (child involved)
    await chat.press('scam compound');
    await chat.text('My brother went to work in a casino near the border and cannot leave now.');
    await chat.press('Viet Nam');
    await chat.press('Choose province');
    const province = await chat.text('nghe an');
    expect(province.at(-1)?.reply.text).toContain('Nghệ An');
    await chat.text('vinh');
    await chat.press('Vinh');
    await chat.press('This week');
    await chat.press('Rescue');
    await chat.press('Done');
    await chat.press('Skip');
    await chat.press('Anonymous');
    const receipt = await chat.press('Send report');
    const receiptText = receipt.map((shown) => shown.reply.text).join('\n');
    const register = /Register number: (TB-\d{4}-\d{6})/.exec(receiptText)?.[1];
    expect(register).toBeDefined();
    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register ?? '' },
    });
    expect(report).toMatchObject({
      kind: 'trafficking',
      dangerNow: true,
      affected: 'family',
      childInvolved: 'no',
      situation: 'scam_compound',
      provinceCode: '40',
      anonymity: 'anonymous',
      helpNeeded: ['rescue'],
      language: 'en',
      channel: 'web',
    });
  });
});
