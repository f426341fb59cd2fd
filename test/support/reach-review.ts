import type { Chat } from './telegram-harness.ts';

/** Answers every question of a crime tip on Telegram up to the review, where "Gửi tin" submits it. */
export async function reachReview(chat: Chat): Promise<void> {
  await chat.send(chat.citizen.start());
  await chat.press('Tiếng Việt');
  await chat.press('Tố giác tội phạm');
  await chat.press('Ma túy');
  await chat.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
  await chat.press('Hôm nay');
  await chat.text('Không rõ');
  await chat.press('Bỏ qua');
  await chat.press('Bỏ qua');
  const review = await chat.press('Ẩn danh');
  const shown = review.at(-1)?.text ?? '';
  if (!shown.includes('Vui lòng kiểm tra lại thông tin'))
    throw new Error(`expected the review, got: ${shown}`);
}
