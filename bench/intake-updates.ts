import { TelegramUpdateBuilder } from '../test/fakes/telegram-updates.ts';
import type { ChatIdSequence, UpdateIdSequence } from './update-id-sequence.ts';

const texts = [
  'Xin chào, tôi muốn báo tin về một vụ việc ở phường tôi.',
  'Có người lạ đứng trước cổng trường mỗi chiều, tôi thấy đáng ngờ.',
  'Tối qua nghe thấy tiếng cãi nhau rất to ở nhà bên cạnh.',
  'Hello, I would like to report something I saw yesterday.',
];

/**
 * Text messages spread over `chats` private chats, each with its own `update_id`, serialised once
 * as Telegram would send them. Round-robin over the chats keeps every chat's messages in order.
 */
export function createIntakeUpdates(
  chats: number,
  ids: { updates: UpdateIdSequence; chats: ChatIdSequence },
): () => Buffer {
  const builders = Array.from(
    { length: chats },
    () => new TelegramUpdateBuilder({ user: { id: ids.chats.take(), language_code: 'vi' } }),
  );
  let turn = 0;
  return () => {
    const builder = builders[turn % builders.length] as TelegramUpdateBuilder;
    const text = texts[turn % texts.length] as string;
    turn++;
    return Buffer.from(JSON.stringify({ ...builder.text(text), update_id: ids.updates.take() }));
  };
}

/**
 * Updates that name no chat (a poll's new state, as Telegram sends for the bot's polls): stored
 * and acknowledged like any other, but with nothing for the conversation intake to do. Measures
 * the acknowledgement path on its own.
 */
export function createChatlessUpdates(ids: { updates: UpdateIdSequence }): () => Buffer {
  let n = 0;
  return () => {
    n++;
    return Buffer.from(
      JSON.stringify({
        update_id: ids.updates.take(),
        poll: {
          id: `5${String(n).padStart(18, '0')}`,
          question: 'Bạn có thấy thông tin này hữu ích không?',
          options: [
            { text: 'Có', voter_count: n % 7 },
            { text: 'Không', voter_count: n % 3 },
          ],
          total_voter_count: (n % 7) + (n % 3),
          is_closed: false,
          is_anonymous: true,
          type: 'regular',
          allows_multiple_answers: false,
        },
      }),
    );
  };
}
