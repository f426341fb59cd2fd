import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseZaloEvent } from '../../../../src/citizen/channels/zalo-oa/parse-zalo-event.ts';
import { readZaloEventKey } from '../../../../src/citizen/channels/zalo-oa/read-zalo-event-key.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';
import { createIdentityHasher } from '../../../../src/platform/identity/identity-hasher.ts';

const malformed = expect.toSatisfy((error) => isAppError(error, 'malformed_payload'), 'malformed_payload');

// A user id beyond 2^53: Number() would turn it into 2468458835296118000.
const user = '2468458835296117922';
const hashUser = createIdentityHasher(randomBytes(32)).hash.bind(null, 'zalo_oa');
const base = {
  app_id: '430',
  user_id_by_app: '552',
  recipient: { id: '579745863508352884' },
  timestamp: '1595474538033',
};
const sent = (event_name: string, message: Record<string, unknown>) => ({
  ...base,
  event_name,
  sender: { id: user },
  message: { msg_id: 'c3ab1a2b8f6b9b2b2a', ...message },
});
const withAttachment = (event_name: string, type: string, payload: unknown, text?: string) =>
  sent(event_name, { ...(text === undefined ? {} : { text }), attachments: [{ type, payload }] });

describe('parseZaloEvent', () => {
  it.each([
    ['text', sent('user_send_text', { text: 'Tố giác' }), { kind: 'text', text: 'Tố giác' }],
    [
      'decomposed text, normalised to NFC',
      sent('user_send_text', { text: ' To\u0302\u0301 gia\u0301c\u0000 ' }),
      { kind: 'text', text: 'Tố giác' },
    ],
    ['an empty text', sent('user_send_text', { text: '  ' }), { kind: 'unsupported', what: 'empty_text' }],
    [
      'a button payload',
      sent('user_send_text', { text: '#c|tip_category|drugs' }),
      { kind: 'choice', stepName: 'tip_category', choiceId: 'drugs' },
    ],
    [
      'a forged button payload',
      sent('user_send_text', { text: '#c|a|b|c' }),
      { kind: 'unsupported', what: 'choice_payload' },
    ],
    [
      'an image with a caption',
      withAttachment(
        'user_send_image',
        'image',
        { url: 'https://f1.zdn.vn/a.jpg', thumbnail: 'x' },
        'biển số xe',
      ),
      {
        kind: 'attachment',
        attachment: { kind: 'photo', platformFileId: 'https://f1.zdn.vn/a.jpg' },
        caption: 'biển số xe',
      },
    ],
    [
      'a file',
      withAttachment('user_send_file', 'file', {
        url: 'https://dl.zalo.me/f',
        name: 'bang\u202Efdp.exe',
        size: '2048',
        type: 'pdf',
      }),
      {
        kind: 'attachment',
        attachment: {
          kind: 'document',
          platformFileId: 'https://dl.zalo.me/f',
          sizeBytes: 2048,
          fileName: 'bangfdp.exe',
        },
      },
    ],
    [
      'a voice message',
      withAttachment('user_send_audio', 'audio', { url: 'https://f1.zdn.vn/a.aac' }),
      { kind: 'attachment', attachment: { kind: 'voice', platformFileId: 'https://f1.zdn.vn/a.aac' } },
    ],
    [
      'a video',
      withAttachment('user_send_video', 'video', {
        url: 'https://f1.zdn.vn/v.mp4',
        thumbnail: 't',
        description: '',
      }),
      { kind: 'attachment', attachment: { kind: 'video', platformFileId: 'https://f1.zdn.vn/v.mp4' } },
    ],
    [
      'a sticker (declined by the flows)',
      withAttachment('user_send_sticker', 'sticker', {
        id: 'bfe458bf64fa8da4d4eb',
        url: 'https://zalo-api.zadn.vn/s',
      }),
      { kind: 'attachment', attachment: { kind: 'sticker', platformFileId: 'https://zalo-api.zadn.vn/s' } },
    ],
    [
      'a GIF',
      withAttachment('user_send_gif', 'gif', { url: 'https://f1.zdn.vn/g.gif', thumbnail: 't' }),
      { kind: 'unsupported', what: 'gif' },
    ],
    [
      'a link (kept as text)',
      withAttachment('user_send_link', 'link', { url: 'https://lua-dao.example/login', description: 'x' }),
      { kind: 'text', text: 'https://lua-dao.example/login' },
    ],
    [
      'a business card',
      sent('user_send_business_card', { attachments: [] }),
      { kind: 'unsupported', what: 'business_card' },
    ],
    [
      'a location with string coordinates',
      withAttachment('user_send_location', 'location', {
        coordinates: { latitude: '21.0333', longitude: '105.85' },
      }),
      { kind: 'location', latitude: 21.0333, longitude: 105.85 },
    ],
    [
      'a location with number coordinates',
      withAttachment('user_send_location', 'location', {
        coordinates: { latitude: 10.7769, longitude: 106.7009 },
      }),
      { kind: 'location', latitude: 10.7769, longitude: 106.7009 },
    ],
    [
      'a location as lat/long',
      withAttachment('user_send_location', 'location', { coordinates: { lat: '16.0544', long: '108.2022' } }),
      { kind: 'location', latitude: 16.0544, longitude: 108.2022 },
    ],
    [
      'an out-of-range location (left to the flow to refuse)',
      withAttachment('user_send_location', 'location', { coordinates: { latitude: '123', longitude: '0' } }),
      { kind: 'location', latitude: 123, longitude: 0 },
    ],
  ])('reads %s', (_what, event, message) => {
    expect(parseZaloEvent(event)).toEqual({ chatId: user, message });
  });

  it('reads user_submit_info as the sender’s own phone in international form', () => {
    const event = {
      ...base,
      event_name: 'user_submit_info',
      sender: { id: user },
      info: { name: 'A', phone: '84912345678' },
    };
    expect(parseZaloEvent(event)).toEqual({
      chatId: user,
      message: { kind: 'contact', phone: '+84912345678', isOwn: true },
    });
    const local = { ...event, info: { phone: '0912345678' } };
    expect(parseZaloEvent(local)?.message).toEqual({ kind: 'contact', phone: '+84912345678', isOwn: true });
    const none = { ...event, info: { name: 'A' } };
    expect(parseZaloEvent(none)?.message).toEqual({ kind: 'unsupported', what: 'user_info_without_phone' });
  });

  it.each([
    ['follow', { ...base, event_name: 'follow', oa_id: '1', follower: { id: user }, source: 'qr_code' }],
    ['unfollow', { ...base, event_name: 'unfollow', oa_id: '1', follower: { id: user } }],
    [
      'the OA’s own message echo',
      {
        ...base,
        event_name: 'oa_send_text',
        sender: { id: '579745863508352884' },
        message: { msg_id: 'e1', text: 'x' },
      },
    ],
    [
      'a seen receipt',
      { ...base, event_name: 'user_seen_message', sender: { id: user }, message: { msg_ids: ['a'] } },
    ],
  ])('returns null for %s, which names no chat', (_what, event) => {
    expect(parseZaloEvent(event)).toBeNull();
    expect(readZaloEventKey(event, hashUser).chatId).toBeNull();
  });

  it.each([
    ['not an object', 'hello'],
    ['an array', [1, 2]],
    ['null', null],
    ['no event name', { ...base, sender: { id: user }, message: { msg_id: 'x', text: 'a' } }],
    [
      'a numeric sender id (already rounded by JSON.parse)',
      { ...sent('user_send_text', { text: 'a' }), sender: JSON.parse('{"id":2468458835296117922}') },
    ],
    ['a sender id with letters', { ...sent('user_send_text', { text: 'a' }), sender: { id: '12ab' } }],
    [
      'a user message without a sender',
      { ...base, event_name: 'user_send_text', message: { msg_id: 'x', text: 'a' } },
    ],
    ['text that is a number', sent('user_send_text', { text: 12345 })],
    ['attachments that are not a list', sent('user_send_image', { attachments: 'https://x' })],
    ['an image without a URL', withAttachment('user_send_image', 'image', { thumbnail: 'x' })],
    [
      'an image whose URL is javascript:',
      withAttachment('user_send_image', 'image', { url: 'javascript:alert(1)' }),
    ],
    ['a location without coordinates', withAttachment('user_send_location', 'location', {})],
    [
      'a location with words for coordinates',
      withAttachment('user_send_location', 'location', {
        coordinates: { latitude: 'NaN', longitude: '1e400' },
      }),
    ],
    [
      'a phone that is an object',
      { ...base, event_name: 'user_submit_info', sender: { id: user }, info: { phone: { x: 1 } } },
    ],
    ['no msg_id and no timestamp', { event_name: 'follow', follower: { id: user } }],
    ['50,001 characters of text', sent('user_send_text', { text: 'a'.repeat(50_001) })],
  ])('refuses %s as a malformed payload', (_what, event) => {
    expect(() => parseZaloEvent(event)).toThrow(malformed);
  });

  it('keeps ids beyond 2^53 exactly and keys events without a message by name, user and time', () => {
    expect(readZaloEventKey(sent('user_send_text', { text: 'a' }), hashUser)).toEqual({
      platformKey: 'c3ab1a2b8f6b9b2b2a',
      chatId: user,
    });
    const info = {
      ...base,
      event_name: 'user_submit_info',
      sender: { id: user },
      info: { phone: '84912345678' },
    };
    expect(readZaloEventKey(info, hashUser)).toEqual({
      platformKey: `user_submit_info:${hashUser(user)}:1595474538033`,
      chatId: user,
    });
    const follow = { ...base, event_name: 'follow', follower: { id: user } };
    expect(readZaloEventKey(follow, hashUser)).toEqual({
      platformKey: `follow:${hashUser(user)}:1595474538033`,
      chatId: null,
    });
    expect(readZaloEventKey(follow, hashUser).platformKey).not.toContain(user);
  });
});
