import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('a trafficking report over Telegram', () => {
  it('gives the emergency numbers at the danger check and stores a confidential report', async () => {
    const chat = new Chat(harness, newCitizen('en'));
    // The deep link leads straight to the danger check, in the language Telegram suggests.
    const first = await chat.send(chat.citizen.start('trafficking'));
    expect(first.at(-1)?.text).toContain('in danger right now');
    const afterDanger = await chat.press('Yes');
    const dangerText = afterDanger.map((m) => m.text).join('\n');
    expect(dangerText).toContain('113');
    expect(dangerText).toContain('111');
    await chat.press('A family member');
    await chat.text('2'); // typed number for "No" (child involved)
    await chat.press('scam compound');
    await chat.text('My brother went to work in a casino near the border and cannot leave now.');
    await chat.press('Viet Nam');
    await chat.press('Choose province');
    // Typed without diacritics: "nghe an" finds "Tỉnh Nghệ An" and moves straight to the ward.
    const province = await chat.text('nghe an');
    expect(province.at(-1)?.text).toContain('Nghệ An');
    const wardChoices = await chat.text('vinh');
    const wardMarkup = wardChoices.at(-1)?.replyMarkup as
      | { inline_keyboard: { text: string }[][] }
      | undefined;
    const wardButtons = (wardMarkup?.inline_keyboard ?? []).flat().map((b) => b.text);
    expect(wardButtons.some((label) => label.includes('Vinh'))).toBe(true);
    await chat.press('Vinh');
    await chat.press('This week');
    await chat.press('Rescue');
    await chat.press('Return home');
    await chat.press('Done');
    await chat.press('Skip');
    await chat.press('Confidential');
    const keyboard = (
      chat.last().replyMarkup as { keyboard: { request_contact?: boolean }[][] }
    ).keyboard.flat();
    expect(keyboard.filter((button) => button.request_contact === true)).toHaveLength(1);
    await chat.send(chat.citizen.contact('84912345678', true));
    const receipt = await chat.press('Send report');
    const receiptText = receipt.map((m) => m.text).join('\n');
    const register = /Register number: (TB-\d{4}-\d{6})/.exec(receiptText)?.[1];
    expect(register).toBeDefined();
    expect(receiptText).toContain('111');

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
      country: 'vietnam',
      provinceCode: '40',
      anonymity: 'confidential',
      helpNeeded: ['rescue', 'return'],
      language: 'en',
    });
    expect(report.wardCode).not.toBeNull();
    // The phone is stored apart from the tip and only as ciphertext.
    expect(report.contact).not.toBeNull();
    expect(Buffer.from(report.contact?.phoneEnc ?? []).toString('latin1')).not.toContain('912345678');
    expect(JSON.stringify(report)).not.toContain('912345678');
  });
});
