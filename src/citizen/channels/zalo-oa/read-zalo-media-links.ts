import { readZaloEventKey } from './read-zalo-event-key.ts';

/** Events whose attachments are files worth keeping (stickers and GIFs are not evidence). */
const mediaEvents = new Set(['user_send_image', 'user_send_file', 'user_send_audio', 'user_send_video']);

/**
 * The media URLs of a raw Zalo event (every attachment, not only the first one the conversation
 * sees), to be downloaded before they expire. Empty for anything else, and for a broken event.
 */
export function readZaloMediaLinks(
  body: unknown,
  hashUser: (userId: string) => string,
): { platformKey: string; urls: string[] } | null {
  let platformKey: string;
  try {
    platformKey = readZaloEventKey(body, hashUser).platformKey;
  } catch {
    return null;
  }
  const event = body as { event_name?: unknown; message?: { attachments?: unknown } };
  if (typeof event.event_name !== 'string' || !mediaEvents.has(event.event_name)) return null;
  const attachments = Array.isArray(event.message?.attachments) ? event.message.attachments.slice(0, 50) : [];
  const urls = attachments.flatMap((attachment: unknown) => {
    const url = (attachment as { payload?: { url?: unknown } } | null)?.payload?.url;
    return typeof url === 'string' && url.length <= 4096 ? [url] : [];
  });
  return urls.length > 0 ? { platformKey, urls: [...new Set(urls)] } : null;
}
