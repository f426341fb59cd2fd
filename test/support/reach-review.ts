import { answerTip, quickTip, ScriptRun } from '../parity/parity-scripts.ts';
import { telegramParityChat } from '../parity/telegram-parity-channel.ts';
import type { Chat } from './telegram-harness.ts';

/** Answers every question of the quick crime tip on Telegram up to the review, where "Gửi tin" submits it. */
export async function reachReview(chat: Chat): Promise<void> {
  const said = await answerTip(new ScriptRun(telegramParityChat(chat)), quickTip, { until: 'review' });
  const shown = said.anonymity?.at(-1)?.text ?? '';
  if (!shown.includes('Vui lòng kiểm tra lại thông tin'))
    throw new Error(`expected the review, got: ${shown}`);
}
