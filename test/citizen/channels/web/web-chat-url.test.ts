import { describe, expect, it } from 'vitest';
import { webChatUrl } from '../../../../src/citizen/channels/web/web-chat-url.ts';

describe('webChatUrl', () => {
  const on = { WEB_CHAT_ENABLED: true, PUBLIC_URL: undefined };

  it('shows a wildcard or loopback listener as localhost', () => {
    expect(webChatUrl(on, 'http://0.0.0.0:3000')).toBe('http://localhost:3000/chat');
    expect(webChatUrl(on, 'http://[::]:3000')).toBe('http://localhost:3000/chat');
    expect(webChatUrl(on, 'http://127.0.0.1:41234')).toBe('http://localhost:41234/chat');
    expect(webChatUrl(on, 'http://192.0.2.7:3000')).toBe('http://192.0.2.7:3000/chat');
  });

  it('prefers PUBLIC_URL, and says nothing when the web chat is off', () => {
    expect(webChatUrl({ ...on, PUBLIC_URL: 'https://tinbao.example.gov.vn' }, 'http://0.0.0.0:3000')).toBe(
      'https://tinbao.example.gov.vn/chat',
    );
    expect(webChatUrl({ ...on, WEB_CHAT_ENABLED: false }, 'http://0.0.0.0:3000')).toBeNull();
  });
});
