import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.ts';
import {
  Chat,
  newCitizen,
  startTelegramHarness,
  type TelegramHarness,
} from '../../support/telegram-harness.ts';

let harness: TelegramHarness;
beforeAll(async () => {
  harness = await startTelegramHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('a crime tip over Telegram', () => {
  it('walks a citizen from /start to a receipt and stores what was said', async () => {
    const chat = new Chat(harness, newCitizen());
    await chat.send(chat.citizen.start());
    expect(chat.last().text).toContain('chọn ngôn ngữ');
    await chat.press('Tiếng Việt');
    expect(chat.last().text).toContain('Bạn muốn làm gì');
    await chat.press('Tố giác tội phạm');
    await chat.press('Ma túy');
    await chat.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
    await chat.press('Hôm nay');
    const afterPin = await chat.send(chat.citizen.location(21.0333, 105.85));
    expect(afterPin[0]?.text).toContain('Đã ghi nhận vị trí');
    await chat.text('Một thanh niên đi xe máy biển 29A1-12345');
    await chat.send(chat.citizen.photo());
    await chat.press('Xong');
    await chat.press('Ẩn danh');
    expect(chat.last().text).toContain('Ma túy');
    const receipt = await chat.press('Gửi tin');
    const receiptText = receipt.map((m) => m.text).join('\n');
    expect(receiptText).toMatch(/Mã tra cứu: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}/);
    expect(receiptText).toMatch(/Số vào sổ: TB-\d{4}-\d{6}/);

    const register = /Số vào sổ: (TB-\d{4}-\d{6})/.exec(receiptText)?.[1];
    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register ?? '' },
      include: { attachments: true, contact: true, events: true },
    });
    expect(report).toMatchObject({
      kind: 'crime_tip',
      category: 'drugs',
      description: 'Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.',
      occurredWhen: 'today',
      latitude: 21.0333,
      longitude: 105.85,
      peopleText: 'Một thanh niên đi xe máy biển 29A1-12345',
      anonymity: 'anonymous',
      status: 'submitted',
      channel: 'telegram',
    });
    expect(report.attachments).toHaveLength(1);
    expect(report.contact).toBeNull();
    expect(report.events.map((e) => e.toStatus)).toEqual(['submitted']);
    const outbox = await harness.app.db.outbox.findMany({ where: { aggregateId: report.id } });
    expect(outbox.map((o) => o.topic)).toEqual(['report.submitted']);
    const receipts = chat.messages().filter((m) => m.text.includes('Mã tra cứu:'));
    expect(receipts).toHaveLength(1);
    // Every button press was answered (its spinner stopped), each once.
    const answers = () =>
      harness.fake.calls
        .filter((call) => call.method === 'answerCallbackQuery' && call.status === 200)
        .map((call) => call.params.callback_query_id);
    await eventually(answers, (ids) => ids.length >= 7);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answers()).toHaveLength(7);
    expect(new Set(answers()).size).toBe(7);
  });
});
