import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../../src/citizen/channels/channel-adapter.ts';
import type { ParsedInbound } from '../../../src/citizen/channels/parsed-inbound.ts';
import { telegramAdapter } from '../../../src/citizen/channels/telegram/telegram-adapter.ts';
import { createConversationEngine } from '../../../src/citizen/engine/conversation-engine.ts';
import { buildStepRegistry } from '../../../src/citizen/flows/step-registry.ts';
import {
  createInboundRecorder,
  type InboundRecorder,
} from '../../../src/intake/inbox/record-inbound-event.ts';
import type { IntakeDependencies } from '../../../src/intake/turns/intake-dependencies.ts';
import { createIntakePump } from '../../../src/intake/turns/intake-pump.ts';
import {
  eventsPerChatInBatch,
  processTurnBatch,
  TurnBatchError,
} from '../../../src/intake/turns/process-turn-batch.ts';
import { createPgPool, type PgPool } from '../../../src/platform/database/create-pg-pool.ts';
import { createIdentityProtection } from '../../../src/platform/identity/identity-protection.ts';
import { createLogger } from '../../../src/platform/observability/create-logger.ts';
import type { Channel } from '../../../src/platform/vocabulary/channel.ts';
import { type TelegramUpdate, TelegramUpdateBuilder } from '../../fakes/telegram-updates.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';

/** A text that makes the turn throw after the payload was read (a handling bug, not bad input). */
const poison = 'this message breaks the turn';

/** The Telegram adapter, except that the poison text makes reading the message throw mid-turn. */
const adapter: ChannelAdapter = {
  ...telegramAdapter,
  parse(body) {
    const parsed = telegramAdapter.parse(body);
    if (parsed?.message?.kind !== 'text' || parsed.message.text !== poison) return parsed;
    const broken: ParsedInbound = {
      chatId: parsed.chatId,
      get message(): never {
        throw new Error('turn failed');
      },
    };
    return broken;
  },
};

let database: PrivateDatabase;
let pool: PgPool;
let recorder: InboundRecorder;
let deps: IntakeDependencies;
let nextUser = 7_100_000_000;
let nextUpdate = 1;

beforeAll(async () => {
  database = await createPrivateDatabase();
  pool = createPgPool(database.url, 8);
  const protection = createIdentityProtection({ encryptionKey: randomBytes(32), hashKey: randomBytes(32) });
  recorder = createInboundRecorder({
    pool,
    protection,
    maxBatch: 500,
    maxInFlight: 2,
    slowInsertMs: 10,
    notify: false,
  });
  deps = {
    pool,
    protection,
    adapters: new Map<Channel, ChannelAdapter>([['telegram', adapter]]),
    engine: createConversationEngine(buildStepRegistry()),
    settings: {
      register: 'TB',
      conversationTimeoutMinutes: 120,
      throttleMessagesPerMinute: 1000,
      lookupLimits: { maxFailures: 5, windowMinutes: 15 },
    },
    logger: createLogger('silent'),
    clock: () => new Date(),
  };
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});
beforeEach(async () => {
  await pool.query(
    'TRUNCATE inbound_event, outbound_message, report_event, attachment, outbox, report, reporter, register_counter CASCADE',
  );
});

/** The updates of a whole crime tip from a new citizen, ending with the confirm that submits it. */
function crimeTip(): { citizen: TelegramUpdateBuilder; updates: TelegramUpdate[] } {
  const citizen = new TelegramUpdateBuilder({ user: { id: nextUser++ }, firstUpdateId: nextUpdate });
  nextUpdate += 1000;
  const press = (step: string, choice: string) => citizen.callbackQuery(`c|${step}|${choice}`);
  const updates = [
    citizen.start(),
    press('language', 'vi'),
    press('menu', 'tip'),
    press('tip_category', 'drugs'),
    citizen.text('Có người bán ma túy ở quán cà phê đầu ngõ mỗi tối.'),
    press('tip_when', 'today'),
    citizen.location(21.0333, 105.85),
    citizen.text('Một thanh niên đi xe máy'),
    citizen.photo(),
    press('tip_evidence', 'done'),
    press('tip_anonymity', 'anonymous'),
    press('tip_review', 'confirm'),
  ];
  return { citizen, updates };
}

/** Commits the chats' updates interleaved, as many citizens writing at once would arrive. */
async function arrive(chats: TelegramUpdate[][]): Promise<void> {
  const longest = Math.max(...chats.map((updates) => updates.length));
  for (let i = 0; i < longest; i++) {
    await Promise.all(
      chats.flatMap((updates) => {
        const update = updates[i];
        return update ? [recorder.record(adapter, Buffer.from(JSON.stringify(update)))] : [];
      }),
    );
  }
}

async function eventOutcomes(): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ outcome: string; n: number }>(
    'SELECT outcome::text, count(*)::int AS n FROM inbound_event GROUP BY 1',
  );
  return new Map(rows.map((row) => [row.outcome, row.n]));
}

describe('conversation turns in batches', () => {
  it('takes many chats in one transaction, each in order, and numbers their reports without gaps', async () => {
    const chats = Array.from({ length: 20 }, () => crimeTip().updates);
    await arrive(chats);

    const first = await processTurnBatch(deps, {
      kind: 'oldest',
      chats: 64,
      eventsPerChat: eventsPerChatInBatch,
    });
    expect(first.chatKeys).toHaveLength(20);
    expect(first.events).toBe(240);
    const second = await processTurnBatch(deps, {
      kind: 'oldest',
      chats: 64,
      eventsPerChat: eventsPerChatInBatch,
    });
    expect(second.events).toBe(0);

    // Out of order, a chat would have pressed stale buttons and never reached its receipt.
    // (/start, the language and the menu are not report steps.)
    expect(await eventOutcomes()).toEqual(
      new Map([
        ['other', 60],
        ['report_step', 160],
        ['report_submitted', 20],
      ]),
    );
    const { rows: reports } = await pool.query<{ register_seq: number; description: string; n: number }>(
      `SELECT r.register_seq, r.description, (SELECT count(*)::int FROM attachment a WHERE a.report_id = r.id) AS n
       FROM report r ORDER BY register_seq`,
    );
    expect(reports.map((r) => r.register_seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(reports.every((r) => r.description.startsWith('Có người bán ma túy') && r.n === 1)).toBe(true);
    const { rows: receipts } = await pool.query(
      `SELECT 1 FROM outbound_message WHERE purpose = 'receipt' AND report_id IS NOT NULL`,
    );
    expect(receipts).toHaveLength(20);
    const { rows: outbox } = await pool.query(`SELECT 1 FROM outbox WHERE topic = 'report.submitted'`);
    expect(outbox).toHaveLength(20);
  });

  it('leaves a chat’s messages after its submission for the next transaction, replies still in order', async () => {
    const tip = crimeTip();
    await arrive([[...tip.updates, tip.citizen.text('Cho tôi hỏi thêm')]]);

    const first = await processTurnBatch(deps, {
      kind: 'oldest',
      chats: 64,
      eventsPerChat: eventsPerChatInBatch,
    });
    expect(first.events).toBe(12);
    expect((await eventOutcomes()).get('pending')).toBe(1);
    const replies = async () =>
      (
        await pool.query<{ id: string; purpose: string }>(
          'SELECT id, purpose FROM outbound_message ORDER BY id',
        )
      ).rows;
    const before = await replies();
    expect(before.some((row) => row.purpose === 'receipt')).toBe(true);

    const second = await processTurnBatch(deps, {
      kind: 'oldest',
      chats: 64,
      eventsPerChat: eventsPerChatInBatch,
    });
    expect(second.events).toBe(1);
    // The later message's answer is written after everything of the submitting transaction.
    const after = await replies();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((row) => row.purpose)).toEqual(['reply']);
  });

  it('quarantines the one event that breaks its batch and handles every other event of every chat', async () => {
    const tips = Array.from({ length: 6 }, () => crimeTip());
    const broken = tips[2] as ReturnType<typeof crimeTip>;
    // The poison arrives mid-conversation; the chat's later messages must still be handled.
    broken.updates.splice(5, 0, broken.citizen.text(poison));
    await arrive(tips.map((tip) => tip.updates));

    const pump = createIntakePump({
      pool,
      logger: deps.logger,
      processBatch: () =>
        processTurnBatch(deps, { kind: 'oldest', chats: 4, eventsPerChat: eventsPerChatInBatch }),
      processChat: (chatKey) => processTurnBatch(deps, { kind: 'chat', chatKey }),
      onProcessed: () => {},
      concurrency: 3,
      eventsPerChat: eventsPerChatInBatch,
      sweepIntervalMs: 60_000,
    });
    pump.start();
    await waitUntil(async () => !(await eventOutcomes()).has('pending'));
    await pump.stop();

    expect(await eventOutcomes()).toEqual(
      new Map([
        ['other', 18],
        ['report_step', 48],
        ['report_submitted', 6],
        ['quarantined', 1],
      ]),
    );
    const { rows } = await pool.query<{ outcome_detail: string }>(
      `SELECT outcome_detail FROM inbound_event WHERE outcome = 'quarantined'`,
    );
    expect(rows[0]?.outcome_detail).toBe('processing failed: Error');
    const { rows: numbers } = await pool.query<{ register_seq: number }>(
      'SELECT register_seq FROM report ORDER BY register_seq',
    );
    expect(numbers.map((r) => r.register_seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names the chat and event of a turn that throws, and rolls the whole batch back', async () => {
    const tips = Array.from({ length: 3 }, () => crimeTip());
    const broken = tips[1] as ReturnType<typeof crimeTip>;
    const poisoned = broken.citizen.text(poison);
    broken.updates.splice(2, 0, poisoned);
    await arrive(tips.map((tip) => tip.updates));

    const failure = await processTurnBatch(deps, {
      kind: 'oldest',
      chats: 64,
      eventsPerChat: eventsPerChatInBatch,
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TurnBatchError);
    const { rows } = await pool.query<{ id: string; chat_key: string }>(
      `SELECT id::text, chat_key FROM inbound_event WHERE platform_key = $1`,
      [String(poisoned.update_id)],
    );
    expect((failure as TurnBatchError).eventIds).toEqual([rows[0]?.id]);
    expect((failure as TurnBatchError).chatKeys).toEqual([rows[0]?.chat_key]);
    // Nothing of the batch stayed: every event is still pending, no report, no reply.
    expect(await eventOutcomes()).toEqual(new Map([['pending', 37]]));
    const { rows: written } = await pool.query(
      'SELECT 1 FROM report UNION ALL SELECT 1 FROM outbound_message UNION ALL SELECT 1 FROM register_counter',
    );
    expect(written).toEqual([]);
  });

  it('shares a backlog between concurrent transactions without two ever holding one chat', async () => {
    const chats = Array.from({ length: 30 }, () => crimeTip().updates);
    await arrive(chats);
    let transactions = 0;
    const pump = createIntakePump({
      pool,
      logger: deps.logger,
      processBatch: async () => {
        const result = await processTurnBatch(deps, { kind: 'oldest', chats: 3, eventsPerChat: 4 });
        if (result.events > 0) transactions++;
        return result;
      },
      processChat: (chatKey) => processTurnBatch(deps, { kind: 'chat', chatKey }),
      onProcessed: () => {},
      concurrency: 4,
      eventsPerChat: 4,
      sweepIntervalMs: 60_000,
    });
    pump.start();
    await waitUntil(async () => !(await eventOutcomes()).has('pending'));
    await pump.stop();

    // 30 chats × 12 events, at most 3 chats × 4 events a transaction.
    expect(transactions).toBeGreaterThanOrEqual(30);
    expect(await eventOutcomes()).toEqual(
      new Map([
        ['other', 90],
        ['report_step', 240],
        ['report_submitted', 30],
      ]),
    );
    const { rows } = await pool.query<{ n: number; max: number }>(
      'SELECT count(DISTINCT register_seq)::int AS n, max(register_seq) AS max FROM report',
    );
    expect(rows[0]).toEqual({ n: 30, max: 30 });
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the reporter row', () => {
  it('is written when its language changes or its last interaction is a minute stale, not at every turn', async () => {
    const citizen = new TelegramUpdateBuilder({ user: { id: nextUser++ }, firstUpdateId: nextUpdate });
    nextUpdate += 1000;
    const turn = async (update: TelegramUpdate) => {
      await arrive([[update]]);
      await processTurnBatch(deps, { kind: 'oldest', chats: 64, eventsPerChat: eventsPerChatInBatch });
    };
    const reporterRow = async () => {
      const { rows } = await pool.query<{ version: string; language: string; last_interaction_at: Date }>(
        'SELECT xmin::text AS version, language, last_interaction_at FROM reporter',
      );
      expect(rows).toHaveLength(1);
      return rows[0] as { version: string; language: string; last_interaction_at: Date };
    };

    await turn(citizen.start());
    await turn(citizen.callbackQuery('c|language|en'));
    const chosen = await reporterRow();
    expect(chosen.language).toBe('en');

    await turn(citizen.callbackQuery('c|menu|tip'));
    expect((await reporterRow()).version).toBe(chosen.version);

    await pool.query(`UPDATE reporter SET last_interaction_at = now() - interval '2 minutes'`);
    const stale = await reporterRow();
    await turn(citizen.callbackQuery('c|tip_category|drugs'));
    const refreshed = await reporterRow();
    expect(refreshed.version).not.toBe(stale.version);
    expect(refreshed.last_interaction_at.getTime()).toBeGreaterThan(Date.now() - 30_000);
    expect(await eventOutcomes()).toEqual(
      new Map([
        ['other', 3],
        ['report_step', 1],
      ]),
    );
  });
});
