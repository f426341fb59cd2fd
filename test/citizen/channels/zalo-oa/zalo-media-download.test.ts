import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../../../src/citizen/media/is-public-address.ts';
import { createMediaDownloader, mediaUrlHash } from '../../../../src/citizen/media/media-downloader.ts';
import { createSafeFetch, type SafeFetchOptions } from '../../../../src/citizen/media/safe-fetch.ts';
import {
  createDatabaseClient,
  type Database,
} from '../../../../src/platform/database/create-database-client.ts';
import { createFieldCipher } from '../../../../src/platform/identity/field-cipher.ts';
import { FakeZaloMediaServer } from '../../../fakes/fake-zalo-media-server.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../../support/private-database.ts';

const cipher = createFieldCipher(randomBytes(32));
let database: PrivateDatabase;
let db: Database;
let media: FakeZaloMediaServer;
const lines: string[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  }),
);

// Names the fake DNS knows: the media host is the fake on loopback; the others point elsewhere.
const names: Record<string, string[]> = {
  'f1.zalo.test': ['127.0.0.1'],
  'loopback.zalo.test': ['127.0.0.1'],
  'private.zalo.test': ['10.20.30.40'],
  'metadata.zalo.test': ['169.254.169.254'],
  'mixed.zalo.test': ['203.0.114.9', '192.168.1.10'],
  'v6local.zalo.test': ['fd12:3456::1'],
};
const resolve = async (host: string) => names[host] ?? [];

/** Only the fake media server's address is allowed: the test's stand-in for "the public internet". */
function downloader(overrides: Partial<SafeFetchOptions> = {}) {
  return createMediaDownloader({
    db,
    cipher,
    logger,
    retryDelayMs: 10,
    fetch: createSafeFetch({
      allowedHostSuffixes: ['zalo.test'],
      maxBytes: 64 * 1024,
      resolve,
      allowHttp: true,
      isAllowedAddress: (address) => address === '127.0.0.1',
      ...overrides,
    }),
  });
}

const url = (host: string, path: string) => `http://${host}:${media.port}${path}`;
const row = (u: string) =>
  db.mediaFile.findUniqueOrThrow({
    where: { channel_urlHash: { channel: 'zalo_oa', urlHash: mediaUrlHash(u) } },
  });

beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDatabaseClient(database.url, 4);
  media = await FakeZaloMediaServer.start();
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await media?.close();
  await database?.drop();
});

describe('media downloads', () => {
  it('fetches an allowed URL and stores it encrypted with its SHA-256', async () => {
    const file = randomBytes(20_000);
    media.addFile('/photo/ok.jpg', file);
    const source = url('f1.zalo.test', '/photo/ok.jpg');
    expect(await downloader().download({ channel: 'zalo_oa', platformKey: 'msg-ok', url: source })).toBe(
      'fetched',
    );
    const stored = await row(source);
    expect(stored).toMatchObject({
      status: 'stored',
      sizeBytes: file.length,
      mimeType: 'image/jpeg',
      platformKey: 'msg-ok',
    });
    expect(stored.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    const content = Buffer.from(stored.contentEnc ?? []);
    expect(content.includes(file.subarray(0, 64))).toBe(false);
    expect(Buffer.from(cipher.decrypt(content), 'base64').equals(file)).toBe(true);
    // Recorded once: a redelivered event does not fetch it again.
    const hits = media.hits.length;
    expect(await downloader().download({ channel: 'zalo_oa', platformKey: 'msg-ok', url: source })).toBe(
      'already_recorded',
    );
    expect(media.hits.length).toBe(hits);
  });

  it('stops reading a file over the size cap and keeps no content', async () => {
    media.addFile('/photo/big.jpg', randomBytes(200_000));
    const source = url('f1.zalo.test', '/photo/big.jpg');
    expect(await downloader().download({ channel: 'zalo_oa', platformKey: 'msg-big', url: source })).toBe(
      'failed',
    );
    const stored = await row(source);
    expect(stored.status).toBe('failed');
    expect(stored.reason).toMatch(/larger than 65536 bytes/);
    expect(stored.contentEnc).toBeNull();
  });

  it.each([
    ['a host name resolving to 127.0.0.1', 'loopback.zalo.test', /address not allowed/],
    ['a private range', 'private.zalo.test', /address not allowed/],
    ['the link-local metadata address', 'metadata.zalo.test', /address not allowed/],
    ['a host that also resolves to a private address', 'mixed.zalo.test', /address not allowed/],
    ['an IPv6 unique-local address', 'v6local.zalo.test', /address not allowed/],
    ['the IP 127.0.0.1 itself', '127.0.0.1', /host not allowed/],
    ['IPv6 loopback', '[::1]', /host not allowed/],
    ['a host outside the allowlist', 'zalo.test.evil.example', /host not allowed/],
  ])('refuses %s without a request and records why', async (_what, host, reason) => {
    const path = `/refused/${randomBytes(4).toString('hex')}`;
    media.addFile(path, Buffer.from('secret'));
    const source = url(host, path);
    // The default policy (public addresses only) is what production uses.
    const fetcher = downloader({ isAllowedAddress: isPublicAddress });
    expect(await fetcher.download({ channel: 'zalo_oa', platformKey: `msg-${path}`, url: source })).toBe(
      'refused',
    );
    expect(media.hits).not.toContain(path);
    const stored = await row(source);
    expect(stored.status).toBe('refused');
    expect(stored.reason).toMatch(reason);
    expect(stored.contentEnc).toBeNull();
    const alert = lines.findLast((l) => l.includes('media_url_refused'));
    expect(alert).toContain(`msg-${path}`);
    expect(lines.join('\n')).not.toContain(source);
  });

  it('re-checks every redirect hop: a redirect to loopback or an unlisted host is not followed', async () => {
    media.addFile('/internal/secret', Buffer.from('internal'));
    media.addRedirect('/r/loopback', url('loopback.zalo.test', '/internal/secret'));
    media.addRedirect('/r/literal', `http://127.0.0.1:${media.port}/internal/secret`);
    media.addRedirect('/r/metadata', 'http://metadata.zalo.test/latest/meta-data/');
    // Only the first hop's host is allowed to reach the fake here.
    const fetcher = downloader({
      isAllowedAddress: (address) => address === '127.0.0.1',
      resolve: async (host) =>
        host === 'f1.zalo.test'
          ? ['127.0.0.1']
          : host === 'loopback.zalo.test'
            ? ['127.0.0.2']
            : resolve(host),
    });
    for (const path of ['/r/loopback', '/r/literal', '/r/metadata']) {
      const source = url('f1.zalo.test', path);
      expect(await fetcher.download({ channel: 'zalo_oa', platformKey: `msg${path}`, url: source })).toBe(
        'refused',
      );
      expect((await row(source)).reason).toMatch(/^redirect: /);
    }
    expect(media.hits.filter((h) => h.startsWith('/r/'))).toHaveLength(3);
    expect(media.hits).not.toContain('/internal/secret');
  });

  it('follows an allowed redirect and refuses a scheme other than http(s)', async () => {
    const file = randomBytes(1000);
    media.addFile('/final.pdf', file, 'application/pdf');
    media.addRedirect('/r/ok', '/final.pdf');
    const source = url('f1.zalo.test', '/r/ok');
    expect(await downloader().download({ channel: 'zalo_oa', platformKey: 'msg-r-ok', url: source })).toBe(
      'fetched',
    );
    expect((await row(source)).sha256).toBe(createHash('sha256').update(file).digest('hex'));
    const fileUrl = 'file:///etc/passwd';
    expect(await downloader().download({ channel: 'zalo_oa', platformKey: 'msg-file', url: fileUrl })).toBe(
      'refused',
    );
    // Without allowHttp (production), plain http is refused before any request.
    media.addFile('/plain.jpg', Buffer.from('x'));
    const plain = url('f1.zalo.test', '/plain.jpg');
    expect(
      await downloader({ allowHttp: false }).download({ channel: 'zalo_oa', platformKey: 'p', url: plain }),
    ).toBe('refused');
    expect(media.hits).not.toContain('/plain.jpg');
  });
});
