import { describe, expect, it } from 'vitest';
import { parseZaloBotUpdate } from '../../../../src/citizen/channels/zalo-bot/parse-zalo-bot-update.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';

const malformed = expect.toSatisfy((error) => isAppError(error, 'malformed_payload'), 'malformed_payload');

const chat = { id: 'c0ffee1234', chat_type: 'PRIVATE' };
const from = { id: 'c0ffee1234', display_name: 'Nguyễn Văn A' };

function update(event: string, fields: Record<string, unknown> = {}) {
  return { event_name: event, message: { message_id: 'm-1', date: 1732262400000, from, chat, ...fields } };
}

describe('parseZaloBotUpdate: what the engine gets', () => {
  it.each([
    ['a text', update('message.text.received', { text: 'Tố giác' }), { kind: 'text', text: 'Tố giác' }],
    [
      'decomposed Vietnamese, normalised to NFC and trimmed',
      update('message.text.received', { text: '  To\u0302\u0301 gia\u0301c  ' }),
      { kind: 'text', text: 'Tố giác' },
    ],
    ['a typed number', update('message.text.received', { text: '2' }), { kind: 'text', text: '2' }],
    ['/start', update('message.text.received', { text: '/start' }), { kind: 'command', command: 'start' }],
    [
      '/START with a payload',
      update('message.text.received', { text: '/START tip' }),
      { kind: 'command', command: 'start', payload: 'tip' },
    ],
    [
      'text that is only control characters',
      update('message.text.received', { text: '\u0000\u0007' }),
      { kind: 'unsupported', what: 'empty_text' },
    ],
    [
      'a photo (documented photo_url)',
      update('message.image.received', { photo_url: 'https://f.zdn.vn/a.jpg' }),
      { kind: 'attachment', attachment: { kind: 'photo', platformFileId: 'https://f.zdn.vn/a.jpg' } },
    ],
    [
      'a photo with a caption (field name photo, as third-party clients read it)',
      update('message.image.received', {
        photo: 'https://f.zdn.vn/b.jpg',
        caption: ' bie\u0302\u0309n so\u0302\u0301 ',
      }),
      {
        kind: 'attachment',
        attachment: { kind: 'photo', platformFileId: 'https://f.zdn.vn/b.jpg' },
        caption: 'biển số',
      },
    ],
    [
      'a sticker',
      update('message.sticker.received', { sticker: 's1' }),
      { kind: 'unsupported', what: 'sticker' },
    ],
    [
      'a message the platform calls unsupported (a file, a voice note)',
      update('message.unsupported.received'),
      { kind: 'unsupported', what: 'unsupported_message' },
    ],
    [
      'a message event added to the platform later',
      update('message.audio.received', { url: 'https://x' }),
      { kind: 'unsupported', what: 'unknown_message_event' },
    ],
  ])('reads %s', (_name, body, expected) => {
    expect(parseZaloBotUpdate(body)).toEqual({ chatId: 'c0ffee1234', message: expected });
  });

  it('reads an update wrapped in the {ok, result} envelope getUpdates uses', () => {
    const wrapped = { ok: true, result: update('message.text.received', { text: 'xin chào' }) };
    expect(parseZaloBotUpdate(wrapped)).toEqual({
      chatId: 'c0ffee1234',
      message: { kind: 'text', text: 'xin chào' },
    });
  });

  it('keeps numeric ids as decimal strings and never loses digits of large string ids', () => {
    const numeric = update('message.text.received', {
      text: 'a b',
      chat: { id: 123456789, chat_type: 'PRIVATE' },
    });
    expect(parseZaloBotUpdate(numeric)?.chatId).toBe('123456789');
    const big = update('message.text.received', { text: 'a b', chat: { id: '98765432109876543210' } });
    expect(parseZaloBotUpdate(big)?.chatId).toBe('98765432109876543210');
  });

  it('ignores group chats and events that are not messages', () => {
    expect(
      parseZaloBotUpdate(
        update('message.text.received', { text: 'hi', chat: { id: 'g1', chat_type: 'GROUP' } }),
      ),
    ).toBeNull();
    expect(parseZaloBotUpdate(update('bot.added', {}))).toBeNull();
  });

  it('keeps a huge text whole (the flows decide what is too long)', () => {
    const text = 'ma túy '.repeat(100_000).trim();
    const parsed = parseZaloBotUpdate(update('message.text.received', { text }));
    expect(parsed?.message).toEqual({ kind: 'text', text });
  });
});

describe('parseZaloBotUpdate: hostile or broken payloads are refused as malformed payloads', () => {
  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [update('message.text.received', { text: 'x' })]],
    ['no event_name', { message: update('message.text.received', { text: 'x' }).message }],
    ['event_name of the wrong type', { ...update('message.text.received', { text: 'x' }), event_name: 42 }],
    ['no message', { event_name: 'message.text.received' }],
    ['message of the wrong type', { event_name: 'message.text.received', message: 'text' }],
    ['no message_id', { event_name: 'message.text.received', message: { chat, text: 'x' } }],
    ['message_id an object', update('message.text.received', { text: 'x', message_id: { $gt: '' } })],
    ['message_id with NUL', update('message.text.received', { text: 'x', message_id: 'm\u00001' })],
    ['message_id a float', update('message.text.received', { text: 'x', message_id: 1.5 })],
    ['message_id negative', update('message.text.received', { text: 'x', message_id: -3 })],
    [
      'message_id longer than 128',
      update('message.text.received', { text: 'x', message_id: 'm'.repeat(129) }),
    ],
    ['no chat', update('message.text.received', { text: 'x', chat: undefined })],
    ['chat id with spaces', update('message.text.received', { text: 'x', chat: { id: '1 OR 1=1' } })],
    ['chat id true', update('message.text.received', { text: 'x', chat: { id: true } })],
    ['text a number', update('message.text.received', { text: 12 })],
    ['text event without text', update('message.text.received')],
    ['image without URL', update('message.image.received')],
    ['image URL not http', update('message.image.received', { photo_url: 'javascript:alert(1)' })],
    ['image URL a file path', update('message.image.received', { photo_url: 'file:///etc/passwd' })],
    [
      'image URL over 2,048 characters',
      update('message.image.received', { photo_url: `https://x/${'a'.repeat(2048)}` }),
    ],
    ['caption an object', update('message.image.received', { photo_url: 'https://x/a.jpg', caption: {} })],
  ])('%s', (_name, body) => {
    expect(() => parseZaloBotUpdate(body)).toThrow(malformed);
  });

  it('never puts a value of the payload into the error message (it may be a tip)', () => {
    const secretTip = 'Nguyễn Văn B bán ma túy';
    try {
      parseZaloBotUpdate(update('message.text.received', { text: { nested: secretTip } }));
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('Nguyễn');
      expect(String(error)).toContain('message.text');
    }
  });
});
