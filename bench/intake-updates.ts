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
