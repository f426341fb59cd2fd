import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverZaloMedia } from '../../../../src/citizen/channels/zalo-oa/recover-zalo-media.ts';
import { createZaloOaAdapter } from '../../../../src/citizen/channels/zalo-oa/zalo-oa-adapter.ts';
import { createMediaDownloader, mediaUrlHash } from '../../../../src/citizen/media/media-downloader.ts';
import { createSafeFetch } from '../../../../src/citizen/media/safe-fetch.ts';
import { createInboundRecorder } from '../../../../src/intake/inbox/record-inbound-event.ts';
import {
  createDatabaseClient,
  type Database,
} from '../../../../src/platform/database/create-database-client.ts';
import { createPgPool, type PgPool } from '../../../../src/platform/database/create-pg-pool.ts';
import { createIdentityProtection } from '../../../../src/platform/identity/identity-protection.ts';
import { createLogger } from '../../../../src/platform/observability/create-logger.ts';
import { ZaloEventBuilder } from '../../../fakes/fake-zalo-events.ts';
import { FakeZaloMediaServer } from '../../../fakes/fake-zalo-media-server.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../../support/private-database.ts';

const protection = createIdentityProtection({ encryptionKey: randomBytes(32), hashKey: randomBytes(32) });
const hashUser = (userId: string) => protection.hasher.hash('zalo_oa', userId);
let database: PrivateDatabase;
let db: Database;
let pool: PgPool;
let media: FakeZaloMediaServer;

beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDatabaseClient(database.url, 4);
  pool = createPgPool(database.url, 2);
  media = await FakeZaloMediaServer.start();
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await db?.$disconnect();
  await media?.close();
  await database?.drop();
});

describe('media downloads left undone by a stopped process', () => {
  it('are fetched at the next start, once, from the committed events', async () => {
    // An image event committed by a process that died before it fetched the file.
    const file = randomBytes(5_000);
    media.addFile('/photo/late.jpg', file);
    const url = `http://media.zalo.test:${media.port}/photo/late.jpg`;
    const recorder = createInboundRecorder({
      pool,
      protection,
      maxBatch: 10,
      maxInFlight: 1,
      slowInsertMs: 10,
      notify: false,
    });
    const adapter = createZaloOaAdapter({ contactCard: false, hashUser });
    const event = new ZaloEventBuilder('1234567890').image(url);
    expect((await recorder.record(adapter, Buffer.from(JSON.stringify(event)))).kind).toBe('recorded');
    // A text event: nothing to fetch.
    const text = new ZaloEventBuilder('1234567890').text('xin chào');
    await recorder.record(adapter, Buffer.from(JSON.stringify(text)));

    const downloader = createMediaDownloader({
      db,
      cipher: protection.cipher,
      logger: createLogger('silent'),
      fetch: createSafeFetch({
        allowedHostSuffixes: ['zalo.test'],
        maxBytes: 64 * 1024,
        resolve: async () => ['127.0.0.1'],
        allowHttp: true,
        isAllowedAddress: (address) => address === '127.0.0.1',
      }),
    });
    const since = new Date(Date.now() - 3_600_000);
    const recover = () =>
      recoverZaloMedia({ db, cipher: protection.cipher, media: downloader, hashUser, since });

    expect(await recover()).toBe(1);
    await downloader.drain();
    const stored = await db.mediaFile.findUniqueOrThrow({
      where: { channel_urlHash: { channel: 'zalo_oa', urlHash: mediaUrlHash(url) } },
    });
    expect(stored).toMatchObject({ status: 'stored', sizeBytes: file.length });
    // Already recorded: a second start schedules nothing.
    expect(await recover()).toBe(0);
    // Events older than the window are left alone.
    expect(
      await recoverZaloMedia({
        db,
        cipher: protection.cipher,
        media: downloader,
        hashUser,
        since: new Date(),
      }),
    ).toBe(0);
  });
});
