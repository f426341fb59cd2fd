import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramAdapter } from '../../../src/citizen/channels/telegram/telegram-adapter.ts';
import type { RecordResult } from '../../../src/citizen/channels/webhook-intake.ts';
import { createInboundRecorder } from '../../../src/intake/inbox/record-inbound-event.ts';
import { createPgPool, type PgPool } from '../../../src/platform/database/create-pg-pool.ts';
import { createIdentityProtection } from '../../../src/platform/identity/identity-protection.ts';
import { TelegramUpdateBuilder } from '../../fakes/telegram-updates.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';

const protection = createIdentityProtection({ encryptionKey: randomBytes(32), hashKey: randomBytes(32) });
const citizen = new TelegramUpdateBuilder({ user: { id: 7_300_000_001 } });

let database: PrivateDatabase;
let pool: PgPool;
beforeAll(async () => {
  database = await createPrivateDatabase();
  pool = createPgPool(database.url, 8);
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const recorderWith = (limits: { maxInFlight: number; slowInsertMs: number; maxBatch?: number }) =>
  createInboundRecorder({ pool, protection, maxBatch: 100, notify: false, ...limits });

function body(update: object): Buffer {
  return Buffer.from(JSON.stringify(update));
}

/**
 * Holds the INSERT of `updateId` in flight: another transaction inserted the same key and has not
 * committed, so the recorder's `ON CONFLICT` waits for it. Rolled back by `release`.
 */
async function blockKey(updateId: number): Promise<{ release: () => Promise<void> }> {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO inbound_event (channel, platform_key, payload_enc, outcome) VALUES ('telegram', $1, '\\x00', 'other')`,
    [String(updateId)],
  );
  return {
    async release() {
      await client.query('ROLLBACK');
      client.release();
    },
  };
}

async function commitsSoFar(): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    'SELECT count(DISTINCT xmin::text) AS n FROM inbound_event',
  );
  return Number(rows[0]?.n);
}

describe('group commit of webhooks', () => {
  it('puts webhooks that arrive during an INSERT into the next one, together', async () => {
    const recorder = recorderWith({ maxInFlight: 4, slowInsertMs: 5000 });
    const first = citizen.text('một');
    const blocker = await blockKey(first.update_id);
    const settled: string[] = [];
    const track = (name: string, p: Promise<RecordResult>) =>
      p.then((result) => {
        settled.push(name);
        return result;
      });
    const held = track('first', recorder.record(telegramAdapter, body(first)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const others = Array.from({ length: 20 }, (_, i) =>
      track(`other ${i}`, recorder.record(telegramAdapter, body(citizen.text(`tin ${i}`)))),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Not slow enough yet for a second INSERT: everything waits for the first.
    expect(settled).toEqual([]);
    const before = await commitsSoFar();
    await blocker.release();
    expect((await held).kind).toBe('recorded');
    expect((await Promise.all(others)).every((r) => r.kind === 'recorded')).toBe(true);
    expect(settled[0]).toBe('first');
    // The twenty that waited were committed by one INSERT.
    expect((await commitsSoFar()) - before).toBe(2);
  });

  it('starts another INSERT while the one in flight is slow, so a stall does not hold every webhook', async () => {
    const recorder = recorderWith({ maxInFlight: 2, slowInsertMs: 50 });
    const first = citizen.text('hai');
    const blocker = await blockKey(first.update_id);
    const held = recorder.record(telegramAdapter, body(first));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const others = await Promise.all(
      Array.from({ length: 5 }, (_, i) => recorder.record(telegramAdapter, body(citizen.text(`lần ${i}`)))),
    );
    // Committed while the first INSERT is still held.
    expect(others.map((r) => r.kind)).toEqual(Array(5).fill('recorded'));
    let firstDone = false;
    void held.then(() => {
      firstDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(firstDone).toBe(false);
    await blocker.release();
    expect((await held).kind).toBe('recorded');
  });

  it('starts another INSERT at once when a whole batch is waiting (waiting would not make it bigger)', async () => {
    const recorder = recorderWith({ maxInFlight: 2, slowInsertMs: 60_000, maxBatch: 5 });
    const first = citizen.text('ba');
    const blocker = await blockKey(first.update_id);
    const held = recorder.record(telegramAdapter, body(first));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const others = await Promise.all(
      Array.from({ length: 5 }, (_, i) => recorder.record(telegramAdapter, body(citizen.text(`đủ ${i}`)))),
    );
    expect(others.map((r) => r.kind)).toEqual(Array(5).fill('recorded'));
    await blocker.release();
    expect((await held).kind).toBe('recorded');
  });
});
