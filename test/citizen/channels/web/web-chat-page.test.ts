import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';
import { testConfig } from '../../../support/test-config.ts';
import { startWebChatHarness, type WebChatHarness } from '../../../support/web-chat-harness.ts';

let harness: WebChatHarness;
beforeAll(async () => {
  harness = await startWebChatHarness({ WEB_CHAT_EMBED_ORIGINS: 'https://congan.example.gov.vn' });
});
afterAll(async () => {
  await harness?.stop();
});

const get = (path: string) => fetch(`${harness.baseUrl}${path}`);

describe('the web chat page', () => {
  it('is served in Vietnamese by default with a strict content security policy', async () => {
    const response = await get('/chat');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'self' https://congan.example.gov.vn");
    expect(csp).not.toContain('unsafe');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('113 Cảnh sát');
    expect(page).toContain('href="tel:111"');
  });

  it('is served in English on request', async () => {
    const page = await (await get('/chat?lang=en')).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('113 Police');
  });

  it('serves its script and styles from itself, never sniffed', async () => {
    for (const [path, type] of [
      ['/chat/chat.js', 'text/javascript; charset=utf-8'],
      ['/chat/chat.css', 'text/css; charset=utf-8'],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).not.toMatch(/https?:\/\/(?!localhost)/);
    }
  });

  it('serves the embed snippet, usable from other sites, with both languages filled in', async () => {
    const response = await get('/chat/embed.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const script = await response.text();
    expect(script).not.toContain('/* web-chat-texts */');
    expect(script).toContain('Báo tin cho Công an');
    expect(script).toContain('Report to the police');
    expect(script).not.toContain('innerHTML');
  });
});

describe('web chat settings', () => {
  it('refuse embed origins that are not origins', () => {
    const configError = expect.toSatisfy((error) => isAppError(error, 'config'), 'config');
    expect(() => testConfig({ WEB_CHAT_EMBED_ORIGINS: 'javascript:alert(1)' })).toThrow(configError);
    expect(() => testConfig({ WEB_CHAT_EMBED_ORIGINS: "https://a.example 'unsafe-inline'" })).toThrow(
      configError,
    );
    expect(
      testConfig({ WEB_CHAT_EMBED_ORIGINS: 'https://a.example, http://b.example:8080' })
        .WEB_CHAT_EMBED_ORIGINS,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
  });

  it('turn the web chat on by default and off with WEB_CHAT_ENABLED=false', async () => {
    expect(testConfig().WEB_CHAT_ENABLED).toBe(true);
    const off = await startWebChatHarness({ WEB_CHAT_ENABLED: 'false' });
    try {
      expect((await fetch(`${off.baseUrl}/chat`)).status).toBe(404);
      expect((await fetch(`${off.baseUrl}/chat/api/session`, { method: 'POST' })).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});
