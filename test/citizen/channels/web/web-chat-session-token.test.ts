import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWebChatSessionTokens } from '../../../../src/citizen/channels/web/web-chat-session-token.ts';

describe('web chat session tokens', () => {
  const tokens = createWebChatSessionTokens(randomBytes(32));

  it('issue a different token every time, each with a stable chat id', () => {
    const a = tokens.issue();
    const b = tokens.issue();
    expect(a).not.toBe(b);
    expect(tokens.chatIdOf(a)).toBe(tokens.chatIdOf(a));
    expect(tokens.chatIdOf(a)).not.toBe(tokens.chatIdOf(b));
  });

  it('derive a chat id that does not contain the token', () => {
    const token = tokens.issue();
    const chatId = tokens.chatIdOf(token) ?? '';
    expect(chatId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(chatId).not.toContain(token.split('.')[0]);
  });

  it('refuse tokens this server did not issue: forged tag, other key, wrong shape', () => {
    const token = tokens.issue();
    const [random, tag] = token.split('.') as [string, string];
    const flipped = `${random}.${tag.startsWith('A') ? 'B' : 'A'}${tag.slice(1)}`;
    expect(tokens.chatIdOf(flipped)).toBeNull();
    expect(createWebChatSessionTokens(randomBytes(32)).chatIdOf(token)).toBeNull();
    for (const bad of ['', 'abc', `${random}.`, `${token}x`, `${random}.${tag}.${tag}`, ' '.repeat(57)]) {
      expect(tokens.chatIdOf(bad), bad).toBeNull();
    }
  });
});
