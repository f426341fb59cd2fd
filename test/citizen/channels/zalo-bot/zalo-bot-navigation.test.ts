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

async function reportsOf(chat: ZaloBotChat): Promise<number> {
  const reporter = await harness.app.db.reporter.findFirst({
    where: { identityHash: harness.chatKey(chat.chatId) },
  });
  return reporter ? harness.app.db.report.count({ where: { reporterId: reporter.id } }) : 0;
}

describe('moving around a Zalo Bot conversation by typing', () => {
  it('cancels by word and by the numbered Cancel entry, sends nothing, and starts again cleanly', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    await chat.choose('Tiếng Việt');
    await chat.choose('Tố giác tội phạm');
    await chat.choose('Ma túy');
    await chat.text('Một người lạ phát tán ma túy trước cổng trường.');
    const cancelled = joined(await chat.text('huy'));
    expect(cancelled).toContain('Đã hủy. Chưa có thông tin nào được gửi đi.');
    expect(cancelled).toContain('Bạn muốn làm gì?');

    await chat.choose('Tố giác tội phạm');
    // A fresh start: the category is asked again, the old description is gone.
    expect(chat.last().text).toContain('Bạn muốn tố giác loại tội phạm nào?');
    await chat.choose('Trộm cắp');
    const byNumber = joined(await chat.choose('Hủy'));
    expect(byNumber).toContain('Đã hủy.');
    expect(await reportsOf(chat)).toBe(0);
  });

  it('goes back one question by the numbered Back entry and by the word, keeping the flow', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    await chat.choose('English');
    await chat.choose('Report a crime');
    await chat.choose('Fraud');
    expect(chat.last().text).toContain('Describe what happened');
    await chat.choose('Back');
    expect(chat.last().text).toContain('What kind of crime');
    await chat.choose('Gambling');
    await chat.text('An illegal betting shop runs behind the market every night.');
    await chat.text('back');
    expect(chat.last().text).toContain('Describe what happened');
  });

  it('shows the emergency and awareness cards, help, and changes the language from the menu', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    await chat.choose('Tiếng Việt');
    const emergency = joined(await chat.choose('Khẩn cấp'));
    expect(emergency).toContain('113');
    expect(chat.last().text).toContain('Bạn muốn làm gì?');
    const awareness = joined(await chat.choose('Nhận biết thủ đoạn'));
    expect(awareness).toContain('Dấu hiệu mua bán người');
    const help = joined(await chat.text('trợ giúp'));
    expect(help).toContain('Hướng dẫn');
    await chat.choose('Ngôn ngữ');
    await chat.choose('English');
    expect(chat.last().text).toContain('What would you like to do?');
    expect(chat.last().text.split('\n').at(-1)).toBe('Type the number of your choice (for example: 1).');
  });
});
