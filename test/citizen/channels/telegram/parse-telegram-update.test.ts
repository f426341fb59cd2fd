import { describe, expect, it } from 'vitest';
import { parseTelegramUpdate } from '../../../../src/citizen/channels/telegram/parse-telegram-update.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';
import { TelegramUpdateBuilder } from '../../../fakes/telegram-updates.ts';

const malformed = expect.toSatisfy((error) => isAppError(error, 'malformed_payload'), 'malformed_payload');

const updates = new TelegramUpdateBuilder({ user: { id: 5123456789, language_code: 'vi' } });

// Parse the update as it would arrive on the wire, not the builder's object.
function parse(update: unknown) {
  return parseTelegramUpdate(JSON.parse(JSON.stringify(update)));
}

describe('parseTelegramUpdate', () => {
  it('reads a text message with its chat id as a string and the language hint', () => {
    expect(parse(updates.text('Tôi muốn tố giác'))).toEqual({
      chatId: '5123456789',
      message: { kind: 'text', text: 'Tôi muốn tố giác' },
      languageHint: 'vi',
    });
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    const parsed = parse(updates.text('to\u0302\u0301 gia\u0301c'));
    expect(parsed?.message).toEqual({ kind: 'text', text: 'tố giác' });
    expect(parsed?.message?.kind === 'text' && parsed.message.text.length).toBe(7);
  });

  it('strips NUL bytes, other control characters and bidi overrides but keeps newlines and tabs', () => {
    const parsed = parse(updates.text('Nhà\u0000 số\u0007 5\n\tngõ \u202Eevil\u202C \u2066x\u2069'));
    expect(parsed?.message).toEqual({ kind: 'text', text: 'Nhà số 5\n\tngõ evil x' });
  });

  it('reads /start with a deep-link payload as a command', () => {
    expect(parse(updates.start('tip_hn01'))?.message).toEqual({
      kind: 'command',
      command: 'start',
      payload: 'tip_hn01',
    });
  });

  it('lower-cases a command, drops the bot name and leaves out an absent payload', () => {
    expect(parse(updates.text('/Cancel@tin_bao_bot'))?.message).toEqual({
      kind: 'command',
      command: 'cancel',
    });
  });

  it('keeps a text that only starts with a slash as text', () => {
    expect(parse(updates.text('/home/user là đường dẫn'))?.message).toEqual({
      kind: 'text',
      text: '/home/user là đường dẫn',
    });
  });

  it('reads a press of a button it rendered as a choice', () => {
    const parsed = parse(updates.callbackQuery('c|crime_type|theft'));
    expect(parsed).toEqual({
      chatId: '5123456789',
      message: { kind: 'choice', stepName: 'crime_type', choiceId: 'theft' },
      languageHint: 'vi',
    });
  });

  it('reads foreign callback data as unsupported', () => {
    const parsed = parse(updates.callbackQuery('buy_now'));
    expect(parsed?.message).toEqual({ kind: 'unsupported', what: 'callback_query' });
  });

  it('reads a location', () => {
    expect(parse(updates.location(21.028511, 105.804817))?.message).toEqual({
      kind: 'location',
      latitude: 21.028511,
      longitude: 105.804817,
    });
  });

  it("marks the sender's own contact as own and another person's as not", () => {
    expect(parse(updates.contact('+84912345678', true))?.message).toEqual({
      kind: 'contact',
      phone: '+84912345678',
      isOwn: true,
    });
    expect(parse(updates.contact('0987654321', false))?.message).toEqual({
      kind: 'contact',
      phone: '0987654321',
      isOwn: false,
    });
  });

  it('takes the largest of the photo sizes, with the caption normalised', () => {
    const update = updates.photo({ caption: 'bie\u0302\u0309n so\u0302\u0301 xe' });
    const sizes = update.message?.photo as { file_id: string }[];
    // Telegram lists sizes smallest first, but nothing promises it: shuffle them.
    if (update.message) update.message.photo = [sizes[1], sizes[2], sizes[0]];
    expect(parse(update)?.message).toEqual({
      kind: 'attachment',
      attachment: { kind: 'photo', platformFileId: sizes[2]?.file_id },
      caption: 'biển số xe',
    });
  });

  it('breaks a tie in photo area by file size', () => {
    const update = updates.text('x');
    delete update.message?.text;
    if (update.message) {
      update.message.photo = [
        { file_id: 'big', width: 100, height: 100, file_size: 900 },
        { file_id: 'small', width: 100, height: 100, file_size: 400 },
      ];
    }
    expect(parse(update)?.message).toMatchObject({ attachment: { platformFileId: 'big' } });
  });

  it('gives every photo of an album the shared media group id', () => {
    const album = updates.album(3, 'ảnh hiện trường');
    const parsed = album.map(parse);
    const groupIds = parsed.map((p) => (p?.message?.kind === 'attachment' ? p.message.groupId : null));
    expect(new Set(groupIds).size).toBe(1);
    expect(groupIds[0]).toBe(album[0]?.message?.media_group_id);
    expect(parsed[0]?.message).toMatchObject({ caption: 'ảnh hiện trường' });
    expect(parsed[1]?.message).not.toHaveProperty('caption');
  });

  it('reads a document with its mime type, size and cleaned file name', () => {
    const update = updates.document({
      fileName: 'hop\u202Efdp.exe',
      mimeType: 'application/pdf',
      sizeBytes: 48213,
    });
    expect(parse(update)?.message).toEqual({
      kind: 'attachment',
      attachment: {
        kind: 'document',
        platformFileId: (update.message?.document as { file_id: string } | undefined)?.file_id,
        mimeType: 'application/pdf',
        sizeBytes: 48213,
        fileName: 'hopfdp.exe',
      },
    });
  });

  it.each([
    ['video', { file_id: 'v1', mime_type: 'video/mp4', file_size: 10, file_name: 'a.mp4', duration: 3 }],
    ['audio', { file_id: 'a1', mime_type: 'audio/mpeg', file_size: 20, duration: 60 }],
    ['voice', { file_id: 'o1', mime_type: 'audio/ogg', file_size: 30, duration: 4 }],
  ] as const)('reads a %s as an attachment of that kind', (kind, file) => {
    const update = updates.text('x');
    if (update.message) {
      delete update.message.text;
      update.message[kind] = file;
    }
    expect(parse(update)?.message).toMatchObject({
      kind: 'attachment',
      attachment: { kind, platformFileId: file.file_id, mimeType: file.mime_type, sizeBytes: file.file_size },
    });
  });

  it('reads a sticker as a sticker attachment', () => {
    expect(parse(updates.sticker())?.message).toMatchObject({
      kind: 'attachment',
      attachment: { kind: 'sticker', platformFileId: expect.stringMatching(/^CAAC/) },
    });
  });

  it('reads an edited text message as an amendment', () => {
    expect(parse(updates.editedMessage('sửa lại: 5 người'))).toEqual({
      chatId: '5123456789',
      message: { kind: 'amendment', text: 'sửa lại: 5 người' },
      languageHint: 'vi',
    });
  });

  it('keeps the chat but no message for an edit without text (a live location moving)', () => {
    const update = updates.editedMessage('x');
    if (update.edited_message) {
      delete update.edited_message.text;
      update.edited_message.location = { latitude: 10.77, longitude: 106.7, live_period: 900 };
    }
    expect(parse(update)).toEqual({ chatId: '5123456789', message: null, languageHint: 'vi' });
  });

  it('returns null for a member update, which carries no message', () => {
    expect(parse(updates.myChatMember('kicked'))).toBeNull();
  });

  it('names what an unsupported message carried', () => {
    const update = updates.text('x');
    if (update.message) {
      delete update.message.text;
      update.message.dice = { emoji: '🎲', value: 4 };
    }
    expect(parse(update)?.message).toEqual({ kind: 'unsupported', what: 'dice' });
  });

  it('leaves out the language hint when Telegram gives none', () => {
    const update = updates.text('hi');
    delete update.message?.from.language_code;
    expect(parse(update)).not.toHaveProperty('languageHint');
  });

  it('ignores fields it does not know', () => {
    const update = { ...updates.text('ok'), business_connection: { id: 'b' } };
    if (update.message) update.message.future_field = { nested: [1, 2] };
    expect(parse(update)?.message).toEqual({ kind: 'text', text: 'ok' });
  });

  it.each([
    ['a message without a chat', { update_id: 1, message: { message_id: 1, date: 1, text: 'x' } }],
    ['a text that is not a string', { update_id: 1, message: { message_id: 1, chat: { id: 1 }, text: 5 } }],
    ['an empty photo array', { update_id: 1, message: { message_id: 1, chat: { id: 1 }, photo: [] } }],
    ['a callback query without an id', { update_id: 1, callback_query: { from: { id: 1 }, data: 'c|a|b' } }],
    ['no update_id', { message: { message_id: 1, chat: { id: 1 }, text: 'x' } }],
  ])('refuses %s as a malformed payload', (_, update) => {
    expect(() => parseTelegramUpdate(update)).toThrow(malformed);
  });

  it('does not put message text in the error', () => {
    const broken = {
      update_id: 1,
      message: { message_id: 1, chat: { id: 'secret tip' }, text: 'secret tip' },
    };
    expect(() => parseTelegramUpdate(broken)).toThrow(/^(?!.*secret tip)/);
  });
});
