import { type TelegramUpdate, TelegramUpdateBuilder } from '../test/fakes/telegram-updates.ts';
import type { ChatIdSequence, UpdateIdSequence } from './update-id-sequence.ts';

/**
 * The updates of one complete crime tip in a new private chat, in the order a citizen sends them
 * (the journey `test/flows/crime-tip-flow.test.ts` walks): /start, language, menu, category,
 * description, when, a location pin, people, a photo, done, anonymous, confirm. Button presses
 * carry the callback data the bot's keyboards hold (`c|<step>|<choice>`). The last one submits.
 */
export function crimeTipConversation(ids: { updates: UpdateIdSequence; chats: ChatIdSequence }): Buffer[] {
  const citizen = new TelegramUpdateBuilder({ user: { id: ids.chats.take(), language_code: 'vi' } });
  const press = (step: string, choice: string) => citizen.callbackQuery(`c|${step}|${choice}`);
  const updates: TelegramUpdate[] = [
    citizen.start(),
    press('language', 'vi'),
    press('menu', 'tip'),
    press('tip_category', 'drugs'),
    citizen.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối, khoảng 9 giờ.'),
    press('tip_when', 'today'),
    citizen.location(21.0333, 105.85),
    citizen.text('Một thanh niên đi xe máy biển 29A1-12345'),
    citizen.photo(),
    press('tip_evidence', 'done'),
    press('tip_anonymity', 'anonymous'),
    press('tip_review', 'confirm'),
  ];
  return updates.map((update) => Buffer.from(JSON.stringify({ ...update, update_id: ids.updates.take() })));
}
