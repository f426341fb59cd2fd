import { describe, expect, it } from 'vitest';
import { callbackAnswerCall } from '../../../../src/citizen/channels/telegram/callback-answer-call.ts';
import { TelegramUpdateBuilder } from '../../../fakes/telegram-updates.ts';

const updates = new TelegramUpdateBuilder({ user: { id: 5123456789, language_code: 'vi' } });

describe('callbackAnswerCall', () => {
  it('answers a press, of our buttons or of foreign ones, by its query id', () => {
    for (const data of ['c|menu|tip', 'buy_now']) {
      const update = updates.callbackQuery(data);
      expect(callbackAnswerCall(update)).toEqual({
        method: 'answerCallbackQuery',
        callback_query_id: update.callback_query?.id,
      });
    }
  });

  it('has nothing to answer for other updates or broken presses', () => {
    expect(callbackAnswerCall(updates.text('xin chào'))).toBeNull();
    expect(callbackAnswerCall(updates.location(21, 105))).toBeNull();
    expect(callbackAnswerCall(null)).toBeNull();
    expect(callbackAnswerCall({ update_id: 1, callback_query: { id: 42 } })).toBeNull();
    expect(callbackAnswerCall({ update_id: 1, callback_query: { id: '' } })).toBeNull();
    expect(callbackAnswerCall({ update_id: 1, callback_query: { id: 'x'.repeat(300) } })).toBeNull();
  });
});
