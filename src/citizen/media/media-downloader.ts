import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../../platform/database/create-database-client.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { SafeFetch, SafeFetchResult } from './safe-fetch.ts';

export interface MediaSource {
  channel: Channel;
  /** The inbound event the link came in (its platform key). */
  platformKey: string;
  url: string;
}

export interface MediaDownloader {
  /** Fetches and records one file in the background; a URL already recorded is not fetched again. */
  schedule(source: MediaSource): void;
  /** Fetches and records one file; resolves with what was recorded. Never throws for the URL's sake. */
  download(source: MediaSource): Promise<SafeFetchResult['kind'] | 'already_recorded'>;
  /** Waits for the downloads in flight (at shutdown, in tests). */
  drain(): Promise<void>;
}

export interface MediaDownloaderOptions {
  db: Database;
  cipher: FieldCipher;
  logger: Logger;
  fetch: SafeFetch;
  /** Attempts for a download that failed on the network or a 5xx; 3 by default. */
  attempts?: number;
  retryDelayMs?: number;
}

/** SHA-256 of a media URL, hex: how `media_file` rows are found from an attachment's URL. */
export function mediaUrlHash(url: string): string {
  return createHash('sha256').update(url, 'utf8').digest('hex');
}

/**
 * Downloads media that platforms hand out as expiring public links, right after the event that
 * carried them is committed. Each URL ends as one `media_file` row: `stored` (encrypted, with the
 * SHA-256 of the plain file), `refused` (the policy forbade it; never fetched, logged as an alert)
 * or `failed`. Logs carry the event key and the reason, never the URL.
 */
export function createMediaDownloader(options: MediaDownloaderOptions): MediaDownloader {
  const { db, cipher, logger } = options;
  const inFlight = new Set<Promise<unknown>>();
  const attempts = options.attempts ?? 3;

  const record = async (source: MediaSource, urlHash: string, result: SafeFetchResult) => {
    const id = crypto.randomUUID();
    if (result.kind === 'fetched') {
      const sha256 = createHash('sha256').update(result.body).digest('hex');
      const contentEnc = cipher.encrypt(result.body.toString('base64'));
      await db.$executeRaw`
        INSERT INTO media_file (id, channel, platform_key, url_hash, status, content_enc, sha256, size_bytes, mime_type, fetched_at)
        VALUES (${id}::uuid, ${source.channel}::"Channel", ${source.platformKey}, ${urlHash}, 'stored', ${contentEnc},
                ${sha256}, ${result.body.length}, ${result.mimeType?.slice(0, 100) ?? null}, now())
        ON CONFLICT (channel, url_hash) DO NOTHING`;
      return;
    }
    await db.$executeRaw`
      INSERT INTO media_file (id, channel, platform_key, url_hash, status, reason)
      VALUES (${id}::uuid, ${source.channel}::"Channel", ${source.platformKey}, ${urlHash}, ${result.kind}, ${result.reason.slice(0, 200)})
      ON CONFLICT (channel, url_hash) DO NOTHING`;
  };

  const download = async (source: MediaSource) => {
    const urlHash = mediaUrlHash(source.url);
    const existing = await db.mediaFile.findUnique({
      where: { channel_urlHash: { channel: source.channel, urlHash } },
      select: { id: true },
    });
    if (existing) return 'already_recorded' as const;
    let result: SafeFetchResult = { kind: 'failed', reason: 'not attempted' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      result = await options.fetch(source.url);
      const transient = result.kind === 'failed' && /^(network|timed out|HTTP 5)/.test(result.reason);
      if (!transient || attempt === attempts) break;
      await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 500) * attempt));
    }
    await record(source, urlHash, result);
    const context = {
      channel: source.channel,
      platformKey: source.platformKey,
      reason: 'reason' in result ? result.reason : undefined,
    };
    if (result.kind === 'refused')
      logger.error({ ...context, alert: 'media_url_refused' }, 'media URL refused: not fetched');
    else if (result.kind === 'failed') logger.warn(context, 'media download failed');
    return result.kind;
  };

  return {
    schedule(source) {
      const running = download(source).catch((error: unknown) => {
        logger.warn(
          {
            channel: source.channel,
            platformKey: source.platformKey,
            err: error instanceof Error ? error.name : 'unknown',
          },
          'media not recorded',
        );
      });
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
    },
    download,
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
