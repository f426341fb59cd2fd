import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../../../platform/database/create-database-client.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { FieldCipher } from '../../../platform/identity/field-cipher.ts';
import { redactIdentifiers } from '../../../platform/text/redact-identifiers.ts';
import { ZaloApiError } from './zalo-api-error.ts';
import type { ZaloOaApi } from './zalo-oa-api.ts';

export interface ZaloTokenStoreOptions {
  db: Database;
  cipher: FieldCipher;
  api: Pick<ZaloOaApi, 'refreshAccessToken'>;
  appId: string;
  /** `ZALO_OA_REFRESH_TOKEN`: imported only while the table holds no usable refresh token. */
  configuredRefreshToken?: string | undefined;
  logger: Logger;
  registry: Registry;
  /** An access token this close to expiry is refreshed before use; 1 h by default (it lives 25 h). */
  refreshAheadMs?: number;
  /** After Zalo refused the refresh token, how long before trying it again; 5 min by default. */
  refusedRetryMs?: number;
  clock?: () => Date;
}

export interface ZaloTokenStore {
  /** A valid access token, refreshed first when it is missing or close to expiry. */
  accessToken(): Promise<string>;
  /** Zalo refused `rejected` (-216 / -220): a newer token, refreshing unless another process already did. */
  replaceRejected(rejected: string): Promise<string>;
  /** Reads the stored state into the alert gauge and logs when consent is needed (at start-up). */
  checkConsent(): Promise<boolean>;
}

export const reconsentGaugeName = 'tinbao_zalo_oa_reconsent_required';

interface TokenRow {
  access_token_enc: Uint8Array | null;
  access_expires_at: Date | null;
  refresh_token_enc: Uint8Array | null;
  seed_hash: string | null;
  reconsent_required: boolean;
  last_attempt_at: Date | null;
}

type Outcome = { token: string } | { reconsent: string };

/**
 * The Zalo OA's tokens, kept in `zalo_oa_token` (encrypted) so every process shares them. Zalo's
 * refresh token is single use, so a refresh happens under a row lock (one refresher across
 * processes) behind a shared promise (one per process), re-checks under the lock whether another
 * process refreshed already, and commits the new pair before the new access token is handed out.
 * When Zalo refuses the refresh token, the row is marked, the gauge
 * `tinbao_zalo_oa_reconsent_required` goes to 1 and an error is logged (never a token), and callers
 * get an AppError `zalo_reconsent_required` (retried by the dispatcher with backoff, so replies go
 * out once consent is given again); a newly configured refresh token is then imported.
 */
export function createZaloTokenStore(options: ZaloTokenStoreOptions): ZaloTokenStore {
  const { db, cipher, appId, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const ahead = options.refreshAheadMs ?? 3_600_000;
  const refusedRetryMs = options.refusedRetryMs ?? 300_000;
  const seed = options.configuredRefreshToken;
  const seedHash = seed ? createHash('sha256').update(seed, 'utf8').digest('hex') : null;
  const gauge =
    (options.registry.getSingleMetric(reconsentGaugeName) as Gauge | undefined) ??
    new Gauge({
      name: reconsentGaugeName,
      help: '1 when the Zalo OA refresh token is gone or refused: an administrator must consent again',
      registers: [options.registry],
    });

  let cached: { token: string; expiresAt: number } | null = null;
  let refreshing: Promise<string> | null = null;

  const fresh = (expiresAt: Date | null) =>
    expiresAt !== null && expiresAt.getTime() - ahead > clock().getTime();
  const decrypt = (data: Uint8Array | null) =>
    data && data.length > 0 ? cipher.decrypt(Buffer.from(data)) : null;

  const refresh = (rejected: string | null): Promise<string> => {
    refreshing ??= (async () => {
      try {
        const outcome = await refreshUnderLock(rejected);
        if ('reconsent' in outcome) {
          gauge.set(1);
          logger.error(
            { alert: reconsentGaugeName, reason: redactIdentifiers(outcome.reconsent) },
            'Zalo OA needs consent again',
          );
          throw new AppError(
            'zalo_reconsent_required',
            `Zalo OA needs an administrator to consent again: ${outcome.reconsent}`,
          );
        }
        gauge.set(0);
        return outcome.token;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  const refreshUnderLock = (rejected: string | null): Promise<Outcome> =>
    db.$transaction(
      async (tx) => {
        await tx.$executeRaw`INSERT INTO zalo_oa_token (app_id) VALUES (${appId}) ON CONFLICT (app_id) DO NOTHING`;
        const [row] = await tx.$queryRaw<TokenRow[]>`
          SELECT access_token_enc, access_expires_at, refresh_token_enc, seed_hash, reconsent_required, last_attempt_at
          FROM zalo_oa_token WHERE app_id = ${appId} FOR UPDATE`;
        if (!row) throw new Error('zalo_oa_token row vanished');
        const now = clock();
        // Another process may have refreshed while this one waited for the lock.
        const current = decrypt(row.access_token_enc);
        if (
          current !== null &&
          current !== rejected &&
          fresh(row.access_expires_at) &&
          !row.reconsent_required
        ) {
          cached = { token: current, expiresAt: row.access_expires_at?.getTime() ?? 0 };
          return { token: current };
        }
        let refreshToken = row.reconsent_required ? null : decrypt(row.refresh_token_enc);
        let imported = false;
        if (refreshToken === null && seed && seedHash !== row.seed_hash) {
          refreshToken = seed;
          imported = true;
        }
        if (refreshToken === null) {
          const recentlyRefused =
            row.reconsent_required &&
            row.last_attempt_at !== null &&
            now.getTime() - row.last_attempt_at.getTime() < refusedRetryMs;
          const stored = decrypt(row.refresh_token_enc);
          if (!row.reconsent_required || recentlyRefused || stored === null) {
            const reason =
              stored === null ? 'no refresh token stored or configured' : 'refresh token refused';
            await tx.$executeRaw`
              UPDATE zalo_oa_token SET reconsent_required = true, last_error = COALESCE(last_error, ${reason}),
                updated_at = now() WHERE app_id = ${appId}`;
            return { reconsent: reason };
          }
          // Refused a while ago: try the stored token once more (the refusal may have been passing).
          refreshToken = stored;
        }
        let pair: Awaited<ReturnType<ZaloOaApi['refreshAccessToken']>>;
        try {
          pair = await options.api.refreshAccessToken(refreshToken);
        } catch (error) {
          if (!(error instanceof ZaloApiError)) throw error; // Network or 5xx: nothing spent, roll back.
          const reason = `refresh refused: ${error.zaloCode} ${error.description}`.slice(0, 300);
          await tx.$executeRaw`
            UPDATE zalo_oa_token SET reconsent_required = true, last_error = ${reason}, last_attempt_at = ${now},
              seed_hash = ${imported ? seedHash : row.seed_hash}, updated_at = now()
            WHERE app_id = ${appId}`;
          return { reconsent: reason };
        }
        const expiresAt = new Date(now.getTime() + pair.expiresInSeconds * 1000);
        await tx.$executeRaw`
          UPDATE zalo_oa_token SET access_token_enc = ${cipher.encrypt(pair.accessToken)}, access_expires_at = ${expiresAt},
            refresh_token_enc = ${cipher.encrypt(pair.refreshToken)}, reconsent_required = false, last_error = NULL,
            last_attempt_at = ${now}, refreshed_at = ${now},
            seed_hash = ${imported ? seedHash : row.seed_hash}, updated_at = now()
          WHERE app_id = ${appId}`;
        cached = { token: pair.accessToken, expiresAt: expiresAt.getTime() };
        return { token: pair.accessToken };
      },
      // The OAuth call runs while the row is locked: its timeout must fit in the transaction's.
      { timeout: 30_000, maxWait: 15_000 },
    );

  return {
    async accessToken() {
      if (cached && cached.expiresAt - ahead > clock().getTime()) return cached.token;
      const rows = await db.$queryRaw<TokenRow[]>`
        SELECT access_token_enc, access_expires_at, refresh_token_enc, seed_hash, reconsent_required, last_attempt_at
        FROM zalo_oa_token WHERE app_id = ${appId}`;
      const row = rows[0];
      const stored = row ? decrypt(row.access_token_enc) : null;
      if (row && stored !== null && !row.reconsent_required && fresh(row.access_expires_at)) {
        cached = { token: stored, expiresAt: row.access_expires_at?.getTime() ?? 0 };
        return stored;
      }
      return refresh(null);
    },
    replaceRejected(rejected) {
      if (cached?.token === rejected) cached = null;
      return refresh(rejected);
    },
    async checkConsent() {
      const rows = await db.$queryRaw<TokenRow[]>`
        SELECT access_token_enc, access_expires_at, refresh_token_enc, seed_hash, reconsent_required, last_attempt_at
        FROM zalo_oa_token WHERE app_id = ${appId}`;
      const row = rows[0];
      const usable =
        row !== undefined &&
        !row.reconsent_required &&
        row.refresh_token_enc !== null &&
        row.refresh_token_enc.length > 0;
      const importable = seed !== undefined && seedHash !== (row?.seed_hash ?? null);
      const ok = usable || importable;
      gauge.set(ok ? 0 : 1);
      if (!ok) {
        logger.error(
          {
            alert: reconsentGaugeName,
            reason: row?.reconsent_required ? 'refresh token refused' : 'no refresh token',
          },
          'Zalo OA needs consent again',
        );
      }
      return ok;
    },
  };
}
