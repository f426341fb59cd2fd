import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitTestReport } from '../../support/submit-test-report.ts';
import {
  Chat,
  newCitizen,
  startTelegramHarness,
  type TelegramHarness,
} from '../../support/telegram-harness.ts';

let harness: TelegramHarness;
beforeAll(async () => {
  harness = await startTelegramHarness({ THROTTLE_MESSAGES_PER_MINUTE: '500' });
});
afterAll(async () => {
  await harness?.stop();
});

/** A committed report of another reporter, as if submitted earlier through the flows. */
async function seedReport(): Promise<{ reportId: string; registerNumber: string; receiptCode: string }> {
  return submitTestReport(harness.databaseUrl, harness.app.protection, {
    draft: { category: 'fraud', description: 'Một trang web giả ngân hàng lừa lấy mã OTP.' },
  });
}

async function startedChat(): Promise<Chat> {
  const chat = new Chat(harness, newCitizen());
  await chat.send(chat.citizen.start());
  await chat.press('Tiếng Việt');
  return chat;
}

describe('checking a report by its receipt code', () => {
  it('shows the status, the deadline and an officer question for the right code typed loosely', async () => {
    const seeded = await seedReport();
    await harness.app.db.report.update({
      where: { id: seeded.reportId },
      data: { decisionDueAt: new Date('2026-12-12T16:59:59Z') },
    });
    await harness.app.db.followUp.create({
      data: {
        reportId: seeded.reportId,
        direction: 'to_reporter',
        text: 'Bạn còn giữ tin nhắn SMS lừa đảo không?',
      },
    });
    const chat = await startedChat();
    await chat.press('Tra cứu');
    const typed = seeded.receiptCode.toLowerCase().replaceAll('-', ' ');
    const answer = (await chat.text(typed)).map((m) => m.text).join('\n');
    expect(answer).toContain(seeded.registerNumber);
    expect(answer).toContain('Đã tiếp nhận, đang chờ phân loại');
    expect(answer).toContain('Hạn giải quyết: 12/12/2026');
    expect(answer).toContain('Bạn còn giữ tin nhắn SMS lừa đảo không?');
  });

  it('says a wrong code is not found and asks again', async () => {
    const chat = await startedChat();
    await chat.press('Tra cứu');
    const answer = await chat.text('ABCD-EFGH-JKMNP');
    expect(answer.at(-1)?.text).toContain('Không tìm thấy');
    expect(answer.at(-1)?.text).toContain('Nhập mã tra cứu');
  });

  it('locks look-ups after 5 wrong guesses, so 20 guesses find nothing and even the right code waits', async () => {
    const seeded = await seedReport();
    const chat = await startedChat();
    await chat.press('Tra cứu');
    const answers: string[] = [];
    for (let i = 0; i < 20; i++) {
      const guess = `ZZZZ-ZZZZ-${String(i).padStart(5, '0')}`;
      if (answers.at(-1)?.includes('sai quá nhiều')) await chat.press('Tra cứu');
      answers.push((await chat.text(guess)).map((m) => m.text).join('\n'));
    }
    expect(answers.filter((a) => a.includes('Không tìm thấy'))).toHaveLength(5);
    expect(answers.slice(5).every((a) => a.includes('sai quá nhiều'))).toBe(true);
    await chat.press('Tra cứu');
    const right = (await chat.text(seeded.receiptCode)).map((m) => m.text).join('\n');
    expect(right).toContain('sai quá nhiều');
    expect(right).not.toContain(seeded.registerNumber);
  }, 120_000);
});

describe('adding information to a report by its code', () => {
  it('appends text and a photo as follow-ups and answers the officer question', async () => {
    const seeded = await seedReport();
    await harness.app.db.followUp.create({
      data: { reportId: seeded.reportId, direction: 'to_reporter', text: 'Số tài khoản nhận tiền là gì?' },
    });
    const chat = await startedChat();
    await chat.press('Bổ sung thông tin');
    const prompt = await chat.text(seeded.receiptCode);
    expect(prompt.at(-1)?.text).toContain(seeded.registerNumber);
    await chat.text('Số tài khoản nhận tiền là 0123456789 ở ngân hàng X.');
    await chat.send(chat.citizen.photo({ caption: 'ảnh chụp màn hình chuyển khoản' }));
    const done = await chat.press('Xong');
    expect(done.map((m) => m.text).join('\n')).toContain('Cảm ơn');

    const followUps = await harness.app.db.followUp.findMany({
      where: { reportId: seeded.reportId },
      include: {},
      orderBy: { createdAt: 'asc' },
    });
    const fromReporter = followUps.filter((f) => f.direction === 'from_reporter');
    expect(fromReporter.map((f) => f.text)).toEqual([
      'Số tài khoản nhận tiền là 0123456789 ở ngân hàng X.',
      'ảnh chụp màn hình chuyển khoản',
    ]);
    expect(followUps.find((f) => f.direction === 'to_reporter')?.answeredAt).not.toBeNull();
    const attachments = await harness.app.db.attachment.findMany({ where: { reportId: seeded.reportId } });
    expect(attachments).toHaveLength(1);
    expect(attachments[0]?.followUpId).not.toBeNull();
  });
});
