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

describe('a trafficking report over the Zalo Bot, answered by typing', () => {
  it('gives the emergency numbers at the danger check and stores the report, place typed', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    await chat.choose('English');
    await chat.choose('Report human trafficking');
    expect(chat.last().text).toContain('in danger right now');
    const afterDanger = joined(await chat.choose('Yes'));
    expect(afterDanger).toContain('113');
    expect(afterDanger).toContain('111');
    await chat.choose('A family member');
    await chat.text('no'); // typed label instead of the number
    await chat.choose('scam compound');
    await chat.text('My brother went to work in a casino near the border and cannot leave now.');
    await chat.choose('Viet Nam');
    expect(chat.last().text).toContain('Type the province');
    const province = joined(await chat.text('nghe an'));
    expect(province).toContain('Nghệ An');
    await chat.text('vinh');
    const wardChoice = chat.choices().find((c) => c.label === 'Phường Vinh Phú');
    expect(wardChoice).toBeDefined();
    await chat.text(String(wardChoice?.number));
    await chat.choose('This week');
    await chat.choose('Rescue');
    expect(chat.choices().some((c) => c.label === '✅ Rescue')).toBe(true);
    await chat.choose('Return home');
    await chat.choose('Done');
    await chat.choose('Skip');
    await chat.choose('Anonymous');
    const receipt = joined(await chat.choose('Send report'));
    const register = /Register number: (TB-\d{4}-\d{6})/.exec(receipt)?.[1];
    expect(register).toBeDefined();
    // In danger now: the receipt repeats the emergency numbers.
    expect(receipt).toContain('111');

    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register ?? '' },
      include: { contact: true },
    });
    expect(report).toMatchObject({
      kind: 'trafficking',
      dangerNow: true,
      affected: 'family',
      childInvolved: 'no',
      situation: 'scam_compound',
      description: 'My brother went to work in a casino near the border and cannot leave now.',
      country: 'vietnam',
      provinceCode: '40',
      wardCode: '16702',
      lastContactText: '#this_week',
      helpNeeded: ['rescue', 'return'],
      anonymity: 'anonymous',
      language: 'en',
      channel: 'zalo_bot',
    });
    expect(report.contact).toBeNull();
  });

  it('takes a country typed by name and a phone typed for confidential contact', async () => {
    const chat = new ZaloBotChat(harness);
    await chat.text('/start');
    await chat.choose('Tiếng Việt');
    await chat.choose('Báo tin mua bán người');
    await chat.choose('Không');
    await chat.choose('Bản thân tôi');
    await chat.choose('Không rõ');
    await chat.choose('Bị cưỡng bức lao động');
    await chat.text('Tôi bị giữ hộ chiếu và bắt làm việc không lương ở một công trường.');
    await chat.text('Dubai');
    await chat.text('hôm qua gọi được một lần');
    await chat.choose('Y tế');
    await chat.choose('Xong');
    await chat.send(chat.citizen.photo('https://f20.zdn.vn/passport.jpg'));
    await chat.choose('Xong');
    await chat.choose('Giữ bí mật');
    await chat.text('+84 987 654 321');
    const receipt = joined(await chat.choose('Gửi tin'));
    const register = /Số vào sổ: (TB-\d{4}-\d{6})/.exec(receipt)?.[1];
    const report = await harness.app.db.report.findUniqueOrThrow({
      where: { registerNumber: register ?? '' },
      include: { contact: true, attachments: true },
    });
    expect(report).toMatchObject({
      dangerNow: false,
      affected: 'self',
      childInvolved: 'unknown',
      situation: 'forced_labour',
      country: 'custom:Dubai',
      provinceCode: null,
      lastContactText: 'hôm qua gọi được một lần',
      helpNeeded: ['medical'],
      anonymity: 'confidential',
    });
    expect(report.attachments).toHaveLength(1);
    expect(harness.app.protection.cipher.decrypt(Buffer.from(report.contact?.phoneEnc ?? []))).toBe(
      '+84987654321',
    );
  });
});
