import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/database/create-database-client.ts';
import { createIdentityHasher } from '../../src/platform/identity/identity-hasher.ts';
import { TelegramUpdateBuilder } from '../fakes/telegram-updates.ts';
import { eventually } from '../support/eventually.ts';
import { createDeliveryLog, PlatformChat } from '../support/platform-chat.ts';
import { createProcessHarness, type FaultStack, startFaultStack } from '../support/process-harness.ts';
import { readTriageCounts } from '../support/read-triage-counts.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { findInDatabase } from './find-in-database.ts';
import { readAllRedis } from './read-all-redis.ts';

/**
 * quality.md A3 / A6, for what exists so far: a citizen whose name, username, chat id and phone
 * are unmistakable markers walks a confidential (not anonymous) tip through the real web and
 * worker processes, logging at debug level, until it is triaged. Then every log line, every Redis
 * key and value and every column of every table is searched for the markers.
 */
const suffix = String(randomInt(100_000, 999_999));
const identity = {
  chatId: `73${suffix}41${suffix.slice(0, 3)}`,
  firstName: `Quynhmarker${suffix}`,
  lastName: `Haomarker${suffix}`,
  username: `marker_user_${suffix}`,
  phone: `9${suffix}32`,
};
const tipText = `Xe tải biển số giả chở hàng cấm, dấu hiệu riêng Tipmarker${suffix}.`;
const tipMarker = `Tipmarker${suffix}`;

let stack: FaultStack;
let db: Database;

beforeAll(async () => {
  stack = await startFaultStack({
    queuePrefix: 'a6',
    telegram: true,
    dbConnections: 2,
    env: { LOG_LEVEL: 'debug' },
  });
  db = stack.db;
});
afterAll(async () => {
  await stack?.stop();
});

describe('a confidential tip leaves no identity behind (A3, A6)', () => {
  it('keeps name, username, chat id, phone and receipt code out of logs, Redis and plaintext columns', async () => {
    const { env } = stack;
    const lines: string[] = [];
    const worker = await startServiceProcess('worker', env);
    worker.onLine((line) => lines.push(line));
    const web = await startServiceProcess('web', env);
    web.onLine((line) => lines.push(line));
    const harness = createProcessHarness({
      fake: stack.telegram(),
      db,
      hasher: createIdentityHasher(Buffer.from(env.IDENTITY_HASH_KEY ?? '', 'base64')),
      secret: env.TELEGRAM_WEBHOOK_SECRET ?? '',
      webhookUrl: () => web.webhookUrl,
    });
    const citizen = new TelegramUpdateBuilder({
      firstUpdateId: randomInt(1_000_000, 2_000_000_000),
      user: {
        id: Number(identity.chatId),
        first_name: identity.firstName,
        last_name: identity.lastName,
        username: identity.username,
        language_code: 'vi',
      },
    });
    const chat = new PlatformChat(harness, citizen, createDeliveryLog());

    await chat.send(citizen.start());
    await chat.press('Tiếng Việt');
    await chat.press('Tố giác tội phạm');
    await chat.press('Ma túy');
    await chat.text(tipText);
    await chat.press('Hôm nay');
    await chat.text('Không rõ');
    await chat.press('Bỏ qua');
    await chat.press('Bỏ qua');
    await chat.press('Giữ bí mật');
    const review = await chat.send(citizen.contact(`+84${identity.phone}`, true));
    expect(review.at(-1)?.text).toContain('Vui lòng kiểm tra lại thông tin');
    const answer = await chat.press('Gửi tin');
    const receiptCode = /Mã tra cứu: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5})/.exec(
      answer.map((m) => m.text).join('\n'),
    )?.[1];
    if (!receiptCode) throw new Error('no receipt code');
    await eventually(
      () => readTriageCounts(db),
      (counts) => counts.triaged === 1,
      30_000,
    );
    // A status check with the code, so its handling is searched too.
    await chat.send(citizen.start());
    await chat.press('Tra cứu');
    const status = await chat.text(receiptCode);
    expect(status.map((m) => m.text).join('\n')).toContain('Đã tiếp nhận');
    expect(await worker.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await web.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    const secrets = { ...identity, receiptCode, receiptCodeCompact: receiptCode.replaceAll('-', '') };

    // Logs: both processes wrote at debug level (the search is not over nothing).
    expect(lines.some((line) => line.includes('Tin Báo worker is running'))).toBe(true);
    expect(lines.length).toBeGreaterThan(5);
    const log = lines.join('\n').toLowerCase();
    for (const [name, value] of Object.entries({ ...secrets, tipMarker }))
      expect(log.includes(value.toLowerCase()), `${name} in a log line`).toBe(false);

    // Redis: every key and value under any prefix; the triage job is there, with ids only.
    const redis = await readAllRedis(stack.redis.client());
    expect(redis.keys).toBeGreaterThan(0);
    const report = await db.report.findFirstOrThrow({ select: { id: true, description: true } });
    expect(redis.text).toContain(report.id);
    for (const [name, value] of Object.entries({ ...secrets, tipMarker }))
      expect(redis.text.toLowerCase().includes(value.toLowerCase()), `${name} in Redis`).toBe(false);

    // The database: no identity in any column as plain text or plain bytes; the tip's own text is
    // where officers read it (which shows the search finds what is there).
    expect(report.description).toContain(tipMarker);
    for (const [name, value] of Object.entries(secrets))
      expect(await findInDatabase(db, value), `${name} in the database`).toEqual([]);
    expect(await findInDatabase(db, tipMarker)).toEqual(['report.description']);
  }, 120_000);
});
