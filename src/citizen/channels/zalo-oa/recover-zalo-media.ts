import type { Database } from '../../../platform/database/create-database-client.ts';
import type { FieldCipher } from '../../../platform/identity/field-cipher.ts';
import type { MediaDownloader } from '../../media/media-downloader.ts';
import { readZaloMediaLinks } from './read-zalo-media-links.ts';

/**
 * Schedules again the media downloads that a stopped or crashed process left undone: media links
 * of Zalo events committed since `since` for which no `media_file` row exists. Run at start-up;
 * Zalo's links expire, so older events are not worth trying. Returns how many were scheduled.
 */
export async function recoverZaloMedia(deps: {
  db: Database;
  cipher: FieldCipher;
  media: MediaDownloader;
  hashUser: (userId: string) => string;
  since: Date;
}): Promise<number> {
  const events = await deps.db.$queryRaw<{ payload_enc: Uint8Array }[]>`
    SELECT e.payload_enc FROM inbound_event e
    WHERE e.channel = 'zalo_oa' AND e.received_at > ${deps.since} AND e.outcome <> 'quarantined'
      AND NOT EXISTS (SELECT 1 FROM media_file m WHERE m.channel = 'zalo_oa' AND m.platform_key = e.platform_key)
    ORDER BY e.id LIMIT 10000`;
  let scheduled = 0;
  for (const event of events) {
    let body: unknown;
    try {
      body = JSON.parse(
        Buffer.from(deps.cipher.decrypt(Buffer.from(event.payload_enc)), 'base64').toString('utf8'),
      );
    } catch {
      continue;
    }
    const links = readZaloMediaLinks(body, deps.hashUser);
    for (const url of links?.urls ?? []) {
      deps.media.schedule({ channel: 'zalo_oa', platformKey: links?.platformKey ?? '', url });
      scheduled++;
    }
  }
  return scheduled;
}
