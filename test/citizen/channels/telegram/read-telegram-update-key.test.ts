import { describe, expect, it } from 'vitest';
import { readTelegramUpdateKey } from '../../../../src/citizen/channels/telegram/read-telegram-update-key.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';
import { TelegramUpdateBuilder } from '../../../fakes/telegram-updates.ts';

const malformed = expect.toSatisfy((error) => isAppError(error, 'malformed_payload'), 'malformed_payload');

describe('readTelegramUpdateKey', () => {
  const updates = new TelegramUpdateBuilder({ firstUpdateId: 900000000, user: { id: 6543210987 } });

  it('keys a message by update_id and keeps a chat id above 2^32 as a decimal string', () => {
    const update = updates.text('xin chào');
    expect(readTelegramUpdateKey(JSON.parse(JSON.stringify(update)))).toEqual({
      platformKey: String(update.update_id),
      chatId: '6543210987',
    });
  });

  it('finds the chat of a callback query, an edit and a member update', () => {
    for (const update of [
      updates.callbackQuery('c|a|b'),
      updates.editedMessage('sửa'),
      updates.myChatMember(),
    ]) {
      expect(readTelegramUpdateKey(update).chatId).toBe('6543210987');
    }
  });

  it('falls back to the sender of a callback query on an inline message', () => {
    const key = readTelegramUpdateKey({
      update_id: 5,
      callback_query: { id: '1', from: { id: 42 }, inline_message_id: 'AAA', data: 'x' },
    });
    expect(key).toEqual({ platformKey: '5', chatId: '42' });
  });

  it('keeps a negative supergroup id', () => {
    const key = readTelegramUpdateKey({ update_id: 6, channel_post: { chat: { id: -1001234567890 } } });
    expect(key.chatId).toBe('-1001234567890');
  });

  it('answers a null chat, without throwing, for unknown or odd content', () => {
    expect(readTelegramUpdateKey({ update_id: 7, poll: { id: 'p' } })).toEqual({
      platformKey: '7',
      chatId: null,
    });
    expect(readTelegramUpdateKey({ update_id: 8, message: 5 })).toEqual({ platformKey: '8', chatId: null });
    expect(readTelegramUpdateKey({ update_id: 9, message: { chat: { id: 1.5 } } }).chatId).toBeNull();
  });

  it.each([
    ['no update_id', { message: {} }],
    ['a string update_id', { update_id: '12' }],
    ['a fractional update_id', { update_id: 1.5 }],
    ['a negative update_id', { update_id: -1 }],
    ['an array', [1]],
    ['null', null],
  ])('refuses %s as a malformed payload', (_, body) => {
    expect(() => readTelegramUpdateKey(body)).toThrow(malformed);
  });
});
