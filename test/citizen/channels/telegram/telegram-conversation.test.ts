import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTip, fullTip, quickTip, ScriptRun } from '../../../parity/parity-scripts.ts';
import { readChannelParts } from '../../../parity/read-channel-parts.ts';
import { telegramParityChat } from '../../../parity/telegram-parity-channel.ts';
import { eventually } from '../../../support/eventually.ts';
import {
  Chat,
  newCitizen,
  startTelegramHarness,
  type TelegramHarness,
} from '../../../support/telegram-harness.ts';

// What every channel does alike is in test/parity; here is what only Telegram does in a chat.
let harness: TelegramHarness;
beforeAll(async () => {
  harness = await startTelegramHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const answeredPresses = () =>
  harness.fake.calls
    .filter((call) => call.method === 'answerCallbackQuery' && call.status === 200)
    .map((call) => call.params.callback_query_id);

describe('a conversation over Telegram', () => {
  it('answers every button press of a tip once, so no spinner keeps turning', async () => {
    const before = answeredPresses().length;
    const run = new ScriptRun(telegramParityChat(new Chat(harness, newCitizen())));
    await answerTip(run, quickTip);
    const presses = run.outcome.transcript.filter((line) => line.startsWith('> [')).length;
    expect(presses).toBeGreaterThan(5);
    await eventually(answeredPresses, (ids) => ids.length - before >= presses);
    // Late duplicates would come from the dispatcher, after the webhook answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answered = answeredPresses().slice(before);
    expect(answered).toHaveLength(presses);
    expect(new Set(answered).size).toBe(presses);
  });

  it('takes the phone of a confidential tip from the contact button, stored only encrypted', async () => {
    const chat = new Chat(harness, newCitizen());
    const run = new ScriptRun(telegramParityChat(chat));
    await answerTip(run, fullTip, { until: 'contact' });
    const keyboard = (
      chat.last().replyMarkup as { keyboard: { request_contact?: boolean }[][] }
    ).keyboard.flat();
    expect(keyboard.filter((button) => button.request_contact === true)).toHaveLength(1);
    const review = await chat.send(chat.citizen.contact('84912345678', true));
    expect(review.at(-1)?.text).toContain('Vui lòng kiểm tra lại thông tin');
    await run.choose('Gửi tin');
    expect(run.outcome.registerNumbers).toHaveLength(1);
    const parts = await readChannelParts(
      harness.databaseUrl,
      harness.app.protection,
      run.outcome.registerNumbers[0] ?? '',
    );
    expect(parts.phone).toBe('+84912345678');
    expect(parts.stored).not.toContain('912345678');
  });

  it('follows the trafficking deep link at once, in the language the Telegram app is set to', async () => {
    const chat = new Chat(harness, newCitizen('en'));
    const first = await chat.send(chat.citizen.start('trafficking'));
    expect(first.at(-1)?.text).toContain('in danger right now');
  });
});
