import { createMediaDownloader } from '../../media/media-downloader.ts';
import { createSafeFetch, type SafeFetchOptions } from '../../media/safe-fetch.ts';
import type { ChannelFactory } from '../channel-module.ts';
import { registerWebhookRoute } from '../register-webhook-route.ts';
import type { WebhookIntake } from '../webhook-intake.ts';
import { readZaloMediaLinks } from './read-zalo-media-links.ts';
import { recoverZaloMedia } from './recover-zalo-media.ts';
import { verifyZaloSignature } from './verify-zalo-signature.ts';
import { createZaloOaAdapter } from './zalo-oa-adapter.ts';
import { createZaloOaApi } from './zalo-oa-api.ts';
import { createZaloOaSender } from './zalo-oa-sender.ts';
import { createZaloTokenStore } from './zalo-token-store.ts';

/** Zalo events are small; anything near this size is not a real event. */
const webhookBodyLimit = 1024 * 1024;
export const zaloWebhookPath = '/webhooks/zalo';

/** What tests may change in code (never through the environment): the media address policy. */
export interface ZaloOaChannelOverrides {
  media?: Pick<SafeFetchOptions, 'isAllowedAddress' | 'resolve' | 'allowHttp'>;
  /** Passed to the token store (tests shorten the wait before a refused token is tried again). */
  refusedRetryMs?: number;
}

/**
 * Builds the Zalo OA channel factory; `zaloOaChannel` is the one the app lists. Enabled when
 * `ZALO_OA_APP_ID`, `ZALO_OA_APP_SECRET` and `ZALO_OA_SECRET_KEY` are set: a signed webhook at
 * `POST /webhooks/zalo`, media downloaded right after each commit, a sender within Zalo's
 * 4,000 requests a minute and its 7-day reply window, and tokens refreshed through the database.
 */
export function createZaloOaChannel(overrides: ZaloOaChannelOverrides = {}): ChannelFactory {
  return ({ config, db, protection, logger, metrics }) => {
    const appId = config.ZALO_OA_APP_ID;
    const appSecret = config.ZALO_OA_APP_SECRET;
    const oaSecretKey = config.ZALO_OA_SECRET_KEY;
    if (!appId || !appSecret || !oaSecretKey) return null;

    const api = createZaloOaApi({
      apiRoot: config.ZALO_OA_API_ROOT,
      oauthRoot: config.ZALO_OAUTH_ROOT,
      appId,
      appSecret,
    });
    const tokens = createZaloTokenStore({
      db,
      cipher: protection.cipher,
      api,
      appId,
      configuredRefreshToken: config.ZALO_OA_REFRESH_TOKEN,
      logger,
      registry: metrics.registry,
      ...(overrides.refusedRetryMs === undefined ? {} : { refusedRetryMs: overrides.refusedRetryMs }),
    });
    const hashUser = (userId: string) => protection.hasher.hash('zalo_oa', userId);
    const adapter = createZaloOaAdapter({
      contactCard: config.ZALO_OA_CONTACT_IMAGE_URL !== undefined,
      hashUser,
    });
    const media = createMediaDownloader({
      db,
      cipher: protection.cipher,
      logger,
      fetch: createSafeFetch({
        allowedHostSuffixes: config.ZALO_OA_MEDIA_HOSTS,
        maxBytes: config.ZALO_OA_MEDIA_MAX_BYTES,
        ...overrides.media,
      }),
    });

    return {
      channel: 'zalo_oa',
      adapter,
      sender: createZaloOaSender({ api, tokens, contactImageUrl: config.ZALO_OA_CONTACT_IMAGE_URL }),
      // 4,000 requests a minute per OA; kept a little under it.
      limits: { perSecond: 60, perChatBurst: 3, perChatPerSecond: 1 },
      registerRoutes(server, intake) {
        // Media links expire: once the event is committed, its files are fetched in the background.
        const withMedia: WebhookIntake = {
          ...intake,
          async record(routeAdapter, raw) {
            const result = await intake.record(routeAdapter, raw);
            if (result.kind === 'recorded') {
              const links = readZaloMediaLinks(parseJson(raw), hashUser);
              for (const url of links?.urls ?? []) {
                media.schedule({ channel: 'zalo_oa', platformKey: links?.platformKey ?? '', url });
              }
            }
            return result;
          },
        };
        registerWebhookRoute(
          server,
          {
            path: zaloWebhookPath,
            adapter,
            bodyLimitBytes: webhookBodyLimit,
            authenticate: (request) => {
              const header = request.headers['x-zevent-signature'];
              return typeof header === 'string' && header.trim() !== '' ? 'ok' : 'missing';
            },
            verifyBody: (request, raw) => {
              const header = request.headers['x-zevent-signature'];
              return verifyZaloSignature(typeof header === 'string' ? header : undefined, raw, {
                appId,
                oaSecretKey,
              });
            },
          },
          withMedia,
        );
      },
      async start() {
        // Downloads a previous process left undone (it stopped between a commit and the fetch).
        void recoverZaloMedia({
          db,
          cipher: protection.cipher,
          media,
          hashUser,
          since: new Date(Date.now() - mediaRecoveryWindowMs),
        }).then(
          (scheduled) => {
            if (scheduled > 0) logger.info({ scheduled }, 'Zalo media downloads resumed');
          },
          (error: unknown) =>
            logger.warn(
              { err: error instanceof Error ? error.name : 'unknown' },
              'Zalo media recovery failed',
            ),
        );
        // Zalo's webhook URL is set in the developer console: nothing to register here.
        if (await tokens.checkConsent().catch(() => true)) logger.info('Zalo OA channel ready');
      },
      async stop() {
        await Promise.race([media.drain(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      },
    };
  };
}

/** Zalo's media links do not last: events older than this are not retried at start-up. */
const mediaRecoveryWindowMs = 6 * 3_600_000;

/** The Zalo OA channel as configured by the environment. */
export const zaloOaChannel: ChannelFactory = createZaloOaChannel();

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}
