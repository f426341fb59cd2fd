import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseClient, type Database } from '../../src/platform/database/create-database-client.ts';
import { createIdentityHasher, type IdentityHasher } from '../../src/platform/identity/identity-hasher.ts';
import { deliverUpdate } from '../fakes/deliver-telegram-update.ts';
import { FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database.ts';
import { createProcessHarness } from '../support/process-harness.ts';
import {
  killAllServiceProcesses,
  type RunningService,
  startServiceProcess,
} from '../support/service-process.ts';
import { Chat, newCitizen, type TelegramHarness } from '../support/telegram-harness.ts';
import { testEnvironment } from '../support/test-config.ts';

let database: PrivateDatabase;
let fake: FakeTelegramServer;
let db: Database;
let env: Record<string, string>;
let hasher: IdentityHasher;
/** The process currently serving the webhook; replaced on every restart. */
let current: RunningService | null = null;

beforeAll(async () => {
  [database, fake] = await Promise.all([createPrivateDatabase(), FakeTelegramServer.start()]);
  // One environment for every start: same database, same keys, same secret, same fake Telegram.
  env = testEnvironment({
    DATABASE_URL: database.url,
    // main.ts runs a triage worker too: it must not take jobs of other files' databases.
    QUEUE_PREFIX: `tinbao-crash-${randomBytes(4).toString('hex')}`,
    DATABASE_POOL_SIZE: '4',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  db = createDatabaseClient(database.url, 2);
  hasher = createIdentityHasher(Buffer.from(env.IDENTITY_HASH_KEY ?? '', 'base64'));
}, 120_000);
afterAll(async () => {
  await killAllServiceProcesses();
  await db?.$disconnect();
  await fake?.close();
  await database?.drop();
  if (env?.QUEUE_PREFIX) await deleteRedisKeys(env.REDIS_URL ?? '', `${env.QUEUE_PREFIX}:*`);
});

async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  try {
    await redis.connect();
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

async function start(extra: Record<string, string> = {}): Promise<RunningService> {
  current = await startServiceProcess('all', { ...env, ...extra });
  return current;
}

/** What `Chat` needs, served by whichever child process is current (read when used: set in beforeAll). */
const harness: TelegramHarness = createProcessHarness({
  get fake() {
    return fake;
  },
  get db() {
    return db;
  },
  get hasher() {
    return hasher;
  },
  get secret() {
    return env.TELEGRAM_WEBHOOK_SECRET ?? '';
  },
  webhookUrl() {
    if (!current) throw new Error('no app process is running');
    return current.webhookUrl;
  },
});

describe('a web process killed with SIGKILL in the middle of a report', () => {
  // One citizen's report across three processes: killed between two answers, then killed again
  // after committing the confirm press but before answering it.
  const chat = new Chat(harness, newCitizen());
  let confirmUpdateId = 0;

  it('continues the conversation at the same step after a restart between two answers', async () => {
    await start();
    await chat.send(chat.citizen.start());
    await chat.press('Tiếng Việt');
    await chat.press('Tố giác tội phạm');
    expect(chat.last().text).toContain('Bạn muốn tố giác loại tội phạm nào?');
    const before = chat.messages().length;

    expect((await current?.kill('SIGKILL'))?.signal).toBe('SIGKILL');
    // The next process dies after committing the confirm press: the 8th update from here.
    confirmUpdateId = chat.citizen.peekNextUpdateId() + 7;
    await start({ FAULT_KILL_AFTER_COMMIT_UPDATE_ID: String(confirmUpdateId) });

    const answer = await chat.press('Ma túy');
    expect(answer.map((m) => m.text)).toEqual([expect.stringContaining('Hãy mô tả sự việc')]);
    expect(chat.messages()).toHaveLength(before + 1);
  }, 180_000);

  it('after the commit of the confirm press but before the 200 (F2): one report and one receipt', async () => {
    expect(confirmUpdateId).toBeGreaterThan(0);
    await chat.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.');
    await chat.press('Hôm nay');
    await chat.text('Không rõ');
    await chat.press('Bỏ qua');
    await chat.press('Bỏ qua');
    const review = await chat.press('Ẩn danh');
    expect(review.at(-1)?.text).toContain('Vui lòng kiểm tra lại thông tin');
    const confirm = chat.citizen.callbackQuery(chat.callbackData('Gửi tin'));
    expect(confirm.update_id).toBe(confirmUpdateId);

    // The platform gets no answer at all, so it will deliver the update again.
    const doomed = current;
    await expect(deliverUpdate(harness.webhookUrl, confirm, harness.secret)).rejects.toThrow();
    expect((await doomed?.exited)?.signal).toBe('SIGKILL');
    const committed = await db.inboundEvent.findMany({
      where: { platformKey: String(confirmUpdateId) },
      select: { outcome: true },
    });
    expect(committed).toEqual([{ outcome: 'pending' }]);

    await start();
    expect(await deliverUpdate(harness.webhookUrl, confirm, harness.secret)).toBe(200);
    await chat.settled();

    expect(await db.inboundEvent.count({ where: { platformKey: String(confirmUpdateId) } })).toBe(1);
    const reporter = await db.reporter.findFirstOrThrow({
      where: { identityHash: hasher.hash('telegram', chat.chatId) },
      include: { reports: true },
    });
    expect(reporter.reports).toHaveLength(1);
    const receipts = chat.messages().filter((m) => m.text.includes('Mã tra cứu:'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain(reporter.reports[0]?.registerNumber ?? 'no report');
  }, 180_000);
});
