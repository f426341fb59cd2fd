import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createZaloBotKeyReader } from '../../../../src/citizen/channels/zalo-bot/read-zalo-bot-update-key.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';
import { createIdentityHasher } from '../../../../src/platform/identity/identity-hasher.ts';

const malformed = expect.toSatisfy((error) => isAppError(error, 'malformed_payload'), 'malformed_payload');

const hasher = createIdentityHasher(randomBytes(32));
const readKey = createZaloBotKeyReader(hasher);

function update(messageId: unknown, chatId: unknown, chatType = 'PRIVATE') {
  return {
    event_name: 'message.text.received',
    message: { message_id: messageId, chat: { id: chatId, chat_type: chatType }, text: 'x' },
  };
}

describe('createZaloBotKeyReader', () => {
  it('keys an update by its message_id qualified by the keyed hash of its chat', () => {
    const key = readKey(update('msg-1', 'chat-a'));
    expect(key).toEqual({ platformKey: `${hasher.hash('zalo_bot', 'chat-a')}:msg-1`, chatId: 'chat-a' });
  });

  it('gives the same key to a redelivery and different keys to the same message_id in two chats', () => {
    expect(readKey(update('msg-1', 'chat-a'))).toEqual(readKey(update('msg-1', 'chat-a')));
    expect(readKey(update('msg-1', 'chat-a')).platformKey).not.toBe(
      readKey(update('msg-1', 'chat-b')).platformKey,
    );
  });

  it('never puts the chat id in clear into the key', () => {
    expect(readKey(update('m', '84912345678')).platformKey).not.toContain('84912345678');
  });

  it('reads the key inside the {ok, result} envelope', () => {
    expect(readKey({ ok: true, result: update('m2', 'c2') }).chatId).toBe('c2');
  });

  it('keys a group message but names no chat, so it is recorded and never answered', () => {
    const key = readKey(update('m3', 'group-1', 'GROUP'));
    expect(key.chatId).toBeNull();
    expect(key.platformKey).toMatch(/^[0-9a-f]{64}:m3$/);
  });

  it('keeps every key short and printable (at most 193 characters)', () => {
    const key = readKey(update('m'.repeat(128), 'c'.repeat(128)));
    expect(key.platformKey.length).toBeLessThanOrEqual(193);
    expect(key.platformKey).toMatch(/^[\x21-\x7e]+$/);
  });

  it.each([
    ['a string', '{"event_name":"x"}'],
    ['no message', { event_name: 'message.text.received' }],
    ['no message_id', { event_name: 'message.text.received', message: { chat: { id: 'c' } } }],
    ['no chat', { event_name: 'message.text.received', message: { message_id: 'm' } }],
    ['an object message_id', update({ toString: 'x' }, 'c')],
    ['a NUL in the chat id', update('m', 'c\u0000')],
    ['an unsafe integer chat id', update('m', 2 ** 60)],
  ])('refuses %s as a malformed payload', (_name, body) => {
    expect(() => readKey(body)).toThrow(malformed);
  });
});
