import { describe, expect, it } from 'vitest';
import { webChatAdapter } from '../../../../src/citizen/channels/web/web-chat-adapter.ts';
import {
  buildWebChatEnvelope,
  webChatPlatformKey,
} from '../../../../src/citizen/channels/web/web-chat-envelope.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';

const malformed = expect.toSatisfy((error) => isAppError(error, 'malformed_payload'), 'malformed_payload');

const chatId = 'c'.repeat(43);

describe('web chat adapter', () => {
  it('reads the dedupe key and chat of an envelope, the same key for the same client message id', () => {
    const envelope = buildWebChatEnvelope(chatId, 'msg-00000001', { type: 'text', text: 'Xin chào' }, 'vi');
    expect(webChatAdapter.readKey(envelope)).toEqual({
      platformKey: webChatPlatformKey(chatId, 'msg-00000001'),
      chatId,
    });
    expect(webChatPlatformKey(chatId, 'msg-00000001')).not.toBe(webChatPlatformKey(chatId, 'msg-00000002'));
    expect(webChatPlatformKey(chatId, 'msg-00000001')).not.toBe(
      webChatPlatformKey(`${chatId}x`, 'msg-00000001'),
    );
  });

  it('turns each kind of page message into the engine message', () => {
    const parse = (message: Parameters<typeof buildWebChatEnvelope>[2]) =>
      webChatAdapter.parse(buildWebChatEnvelope(chatId, 'id-12345678', message, 'en'));
    expect(parse({ type: 'text', text: 'To\u0302\u0301 gia\u0301c' })).toEqual({
      chatId,
      languageHint: 'en',
      message: { kind: 'text', text: 'Tố giác' },
    });
    expect(parse({ type: 'choice', stepName: 'tip_category', choiceId: 'drugs' })?.message).toEqual({
      kind: 'choice',
      stepName: 'tip_category',
      choiceId: 'drugs',
    });
    expect(parse({ type: 'location', latitude: 21.03, longitude: 105.85 })?.message).toEqual({
      kind: 'location',
      latitude: 21.03,
      longitude: 105.85,
    });
    expect(parse({ type: 'command', command: 'start' })?.message).toEqual({
      kind: 'command',
      command: 'start',
    });
    expect(parse({ type: 'text', text: '\u0000\u202E' })?.message).toEqual({
      kind: 'unsupported',
      what: 'empty_text',
    });
  });

  it('offers buttons and location but no contact button and no files', () => {
    expect(webChatAdapter.capabilities).toEqual({
      buttons: true,
      locationRequest: true,
      contactRequest: false,
      attachments: false,
    });
  });

  it('refuses as a malformed payload, naming paths, never values, for anything else', () => {
    const secret = 'tip text that must not leak';
    for (const body of [null, {}, { v: 2, key: 'x', chatId, message: { type: 'text', text: secret } }]) {
      expect(() => webChatAdapter.readKey(body)).toThrow(malformed);
    }
    const extra = {
      ...buildWebChatEnvelope(chatId, 'id-12345678', { type: 'text', text: secret }, 'vi'),
      more: 1,
    };
    try {
      webChatAdapter.parse(extra);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'malformed_payload')).toBe(true);
      expect(String(error)).not.toContain(secret);
    }
  });
});
