import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformRejectedError } from '../../../../src/citizen/channels/delivery-error.ts';
import { createZaloOaApi } from '../../../../src/citizen/channels/zalo-oa/zalo-oa-api.ts';
import {
  createZaloTokenStore,
  reconsentGaugeName,
} from '../../../../src/citizen/channels/zalo-oa/zalo-token-store.ts';
import {
  createDatabaseClient,
  type Database,
} from '../../../../src/platform/database/create-database-client.ts';
import { isAppError } from '../../../../src/platform/errors/app-error.ts';
import { createFieldCipher } from '../../../../src/platform/identity/field-cipher.ts';
import { FakeZaloOAuthServer } from '../../../fakes/fake-zalo-oauth-server.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../../support/private-database.ts';

const reconsentRequired = (error: unknown) => isAppError(error, 'zalo_reconsent_required');
const cipher = createFieldCipher(randomBytes(32));
let database: PrivateDatabase;
let db: Database;
let oauth: FakeZaloOAuthServer;

beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDatabaseClient(database.url, 8);
  oauth = await FakeZaloOAuthServer.start();
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await oauth?.close();
  await database?.drop();
});
beforeEach(async () => {
  await db.$executeRaw`DELETE FROM zalo_oa_token`;
  oauth.delayMs = 0;
});

/** Log lines as written, to check what an alert says (and never says). */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** One process's store: its own in-process state and metrics, the shared database. */
function store(options: { seed?: string; clock?: () => Date; refusedRetryMs?: number } = {}) {
  const registry = new Registry();
  const { logger, lines } = capturingLogger();
  const tokens = createZaloTokenStore({
    db,
    cipher,
    api: createZaloOaApi({
      apiRoot: 'http://127.0.0.1:9',
      oauthRoot: oauth.root,
      appId: oauth.appId,
      appSecret: oauth.appSecret,
    }),
    appId: oauth.appId,
    configuredRefreshToken: options.seed,
    logger,
    registry,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.refusedRetryMs === undefined ? {} : { refusedRetryMs: options.refusedRetryMs }),
  });
  const gauge = async () => (await registry.getSingleMetric(reconsentGaugeName)?.get())?.values[0]?.value;
  return { tokens, lines, gauge };
}

async function storedRefreshToken(): Promise<string | null> {
  const row = await db.zaloOaToken.findUnique({ where: { appId: oauth.appId } });
  return row?.refreshTokenEnc ? cipher.decrypt(Buffer.from(row.refreshTokenEnc)) : null;
}

const issued = () => oauth.calls.filter((c) => c.outcome === 'issued').length;

describe('the Zalo OA token store', () => {
  it('imports the configured refresh token once, then keeps the newest in the database', async () => {
    const seed = oauth.consent();
    const { tokens } = store({ seed });
    const first = await tokens.accessToken();
    expect(oauth.isValidAccessToken(first)).toBe(true);
    expect(oauth.isLiveRefreshToken(seed)).toBe(false);
    expect(await storedRefreshToken()).toBe(oauth.latestIssuedRefreshToken());
    expect(oauth.isLiveRefreshToken((await storedRefreshToken()) ?? '')).toBe(true);
    // Another process started later with the same (now spent) configured token reuses the stored pair.
    const before = issued();
    expect(await store({ seed }).tokens.accessToken()).toBe(first);
    expect(issued()).toBe(before);
    const row = await db.zaloOaToken.findUniqueOrThrow({ where: { appId: oauth.appId } });
    expect(Buffer.from(row.refreshTokenEnc ?? []).toString('latin1')).not.toContain('rt_');
  });

  it('refreshes an access token that is close to expiry before handing it out', async () => {
    let now = Date.now();
    const { tokens } = store({ seed: oauth.consent(), clock: () => new Date(now) });
    const first = await tokens.accessToken();
    const before = issued();
    now += 23 * 3_600_000;
    expect(await tokens.accessToken()).toBe(first);
    // 25 h after issue minus less than the 1 h margin: refreshed first.
    now += 90 * 60_000;
    const second = await tokens.accessToken();
    expect(second).not.toBe(first);
    expect(issued()).toBe(before + 1);
    expect(await storedRefreshToken()).toBe(oauth.latestIssuedRefreshToken());
  });

  it('lets one of two processes refresh at a time: one wins, no refresh token is lost', async () => {
    const seed = oauth.consent();
    oauth.delayMs = 300;
    const a = store({ seed });
    const b = store({ seed });
    const tokens = await Promise.all([
      a.tokens.accessToken(),
      b.tokens.accessToken(),
      a.tokens.accessToken(),
      b.tokens.accessToken(),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(oauth.calls.filter((c) => c.refreshToken === seed)).toHaveLength(1);
    expect(oauth.calls.filter((c) => c.outcome === 'refused')).toHaveLength(0);
    expect(await storedRefreshToken()).toBe(oauth.latestIssuedRefreshToken());
    expect(oauth.isLiveRefreshToken((await storedRefreshToken()) ?? '')).toBe(true);

    // Zalo refuses that access token in both processes at once: one refresh replaces it for both.
    const rejected = tokens[0] ?? '';
    oauth.revokeAccessToken(rejected);
    const before = issued();
    const replaced = await Promise.all([
      a.tokens.replaceRejected(rejected),
      b.tokens.replaceRejected(rejected),
      b.tokens.replaceRejected(rejected),
    ]);
    expect(new Set(replaced).size).toBe(1);
    expect(replaced[0]).not.toBe(rejected);
    expect(issued()).toBe(before + 1);
    expect(oauth.calls.filter((c) => c.outcome === 'refused')).toHaveLength(0);
    expect(await storedRefreshToken()).toBe(oauth.latestIssuedRefreshToken());
    expect(oauth.isLiveRefreshToken((await storedRefreshToken()) ?? '')).toBe(true);
  });

  it('raises the re-consent alert without a crash or a secret when Zalo refuses the refresh token', async () => {
    const dead = `rt_never_issued_${randomBytes(8).toString('hex')}`;
    const { tokens, lines, gauge } = store({ seed: dead });
    await expect(tokens.accessToken()).rejects.toSatisfy(reconsentRequired);
    expect(await gauge()).toBe(1);
    const alert = lines.find((l) => l.includes('consent again'));
    expect(alert).toBeDefined();
    expect(alert).toContain('-14014');
    expect(lines.join('\n')).not.toContain(dead);
    const row = await db.zaloOaToken.findUniqueOrThrow({ where: { appId: oauth.appId } });
    expect(row.reconsentRequired).toBe(true);
    // Asked again at once, the refused token is not spent against Zalo a second time.
    const calls = oauth.calls.length;
    await expect(tokens.accessToken()).rejects.toSatisfy(reconsentRequired);
    expect(oauth.calls.length).toBe(calls);
    expect(await tokens.checkConsent()).toBe(false);

    // The administrator consents again and configures the new refresh token: it is imported.
    const renewed = store({ seed: oauth.consent() });
    const token = await renewed.tokens.accessToken();
    expect(oauth.isValidAccessToken(token)).toBe(true);
    expect(await renewed.gauge()).toBe(0);
    expect(
      (await db.zaloOaToken.findUniqueOrThrow({ where: { appId: oauth.appId } })).reconsentRequired,
    ).toBe(false);
  });

  it('keeps the refresh token when the OAuth host fails (5xx): a retryable error, no alert', async () => {
    const { tokens, gauge } = store({ seed: oauth.consent() });
    await tokens.accessToken();
    const kept = await storedRefreshToken();
    oauth.failNext(1, { status: 502 });
    const rejected = await tokens
      .replaceRejected(await tokens.accessToken())
      .catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(PlatformRejectedError);
    expect((rejected as PlatformRejectedError).retryable).toBe(true);
    expect(await storedRefreshToken()).toBe(kept);
    expect(await gauge()).not.toBe(1);
    expect(oauth.isLiveRefreshToken(kept ?? '')).toBe(true);
  });

  it('asks for consent when there is neither a stored nor a configured refresh token', async () => {
    const { tokens, gauge } = store();
    expect(await tokens.checkConsent()).toBe(false);
    expect(await gauge()).toBe(1);
    await expect(tokens.accessToken()).rejects.toSatisfy(reconsentRequired);
  });
});
