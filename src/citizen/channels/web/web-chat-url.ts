import type { Config } from '../../../platform/config/load-config.ts';

/**
 * Where a person opens the web chat, for the start-up line: under `PUBLIC_URL` when set, else the
 * address the server listens on, a wildcard or loopback host shown as `localhost`. Null when the
 * web chat is off. Example: `webChatUrl(config, 'http://0.0.0.0:3000')` → `'http://localhost:3000/chat'`.
 */
export function webChatUrl(
  config: Pick<Config, 'WEB_CHAT_ENABLED' | 'PUBLIC_URL'>,
  listening: string,
): string | null {
  if (!config.WEB_CHAT_ENABLED) return null;
  if (config.PUBLIC_URL) return new URL('/chat', config.PUBLIC_URL).toString();
  const url = new URL(listening);
  // Fastify reports a wildcard listener by its loopback address: both read better as localhost.
  if (['0.0.0.0', '[::]', '127.0.0.1', '[::1]'].includes(url.hostname)) url.hostname = 'localhost';
  return new URL('/chat', url).toString();
}
