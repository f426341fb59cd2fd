import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChannelSender } from '../../../src/citizen/channels/channel-sender.ts';
import { NetworkError } from '../../../src/citizen/channels/delivery-error.ts';
import { createOutboundDispatcher } from '../../../src/intake/outbound/outbound-dispatcher.ts';
import { createIdentityProtection } from '../../../src/platform/identity/identity-protection.ts';
import { createLogger } from '../../../src/platform/observability/create-logger.ts';
import { enqueueTestOutbound } from '../../support/enqueue-test-outbound.ts';
import { createTestReporter, submitTestReport } from '../../support/submit-test-report.ts';
import { usePrivateDatabase } from '../../support/use-private-database.ts';

const protection = createIdentityProtection({ encryptionKey: randomBytes(32), hashKey: randomBytes(32) });
const database = usePrivateDatabase({ pool: 4 });

/** A dispatcher on this file's database that sends through `sender`, giving up after 3 attempts. */
const dispatcherSendingWith = (sender: ChannelSender) =>
  createOutboundDispatcher({
    pool: database.pool,
    cipher: protection.cipher,
    logger: createLogger('silent'),
    senders: new Map([['telegram', sender]]),
    limits: new Map(),
    leaseSeconds: 30,
    pollIntervalMs: 60_000,
    maxAttempts: 3,
  });

describe('a platform down for longer than the retries last', () => {
  it('gives up an ordinary reply after its attempts but keeps retrying a receipt', async () => {
    const { reportId } = await submitTestReport(database.url, protection);
    const client = await database.pool.connect();
    let replyReporter = '';
    let receiptReporter = '';
    try {
      await client.query('BEGIN');
      replyReporter = await createTestReporter(client, protection);
      receiptReporter = await createTestReporter(client, protection);
      const reply = { type: 'reply' as const, reply: { text: 'x', choices: [] } };
      await enqueueTestOutbound(
        client,
        protection.cipher,
        { channel: 'telegram', reporterId: replyReporter },
        [{ purpose: 'reply', payload: reply }],
      );
      await enqueueTestOutbound(
        client,
        protection.cipher,
        { channel: 'telegram', reporterId: receiptReporter },
        [{ purpose: 'receipt', reportId, payload: reply }],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    let calls = 0;
    const down: ChannelSender = {
      channel: 'telegram',
      async send() {
        calls++;
        throw new NetworkError('platform unreachable');
      },
    };
    const dispatcher = dispatcherSendingWith(down);
    for (let round = 0; round < 6; round++) {
      await dispatcher.runOnce();
      // The backoff would make the test wait: every message is due again at once.
      await database.pool.query(
        `UPDATE outbound_message SET next_attempt_at = now() WHERE status = 'pending'`,
      );
    }
    const { rows } = await database.pool.query<{ purpose: string; status: string; attempts: number }>(
      `SELECT purpose, status::text, attempts FROM outbound_message WHERE reporter_id = ANY($1::uuid[]) ORDER BY purpose`,
      [[replyReporter, receiptReporter]],
    );
    expect(rows).toEqual([
      { purpose: 'receipt', status: 'pending', attempts: 6 },
      { purpose: 'reply', status: 'failed', attempts: 3 },
    ]);
    expect(calls).toBe(9);
  });
});

describe('button answers stored by an earlier version', () => {
  it('are still delivered from the outbound table and marked sent', async () => {
    const client = await database.pool.connect();
    let reporterId = '';
    try {
      await client.query('BEGIN');
      reporterId = await createTestReporter(client, protection);
      await enqueueTestOutbound(client, protection.cipher, { channel: 'telegram', reporterId }, [
        { purpose: 'callback_answer', payload: { type: 'answer_callback', callbackQueryId: 'stored-press' } },
      ]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const answered: string[] = [];
    const up: ChannelSender = {
      channel: 'telegram',
      async send(_chatId, payload) {
        if (payload.type === 'answer_callback') answered.push(payload.callbackQueryId);
      },
    };
    const dispatcher = dispatcherSendingWith(up);
    await dispatcher.runOnce();
    await dispatcher.stop();
    expect(answered).toEqual(['stored-press']);
    const { rows } = await database.pool.query<{ status: string }>(
      'SELECT status::text FROM outbound_message WHERE reporter_id = $1',
      [reporterId],
    );
    expect(rows).toEqual([{ status: 'sent' }]);
  });
});

describe('one receipt per report', () => {
  it('refuses a second receipt for a report at the database, while other messages carry no key', async () => {
    const { reportId } = await submitTestReport(database.url, protection);
    const client = await database.pool.connect();
    try {
      const reporterId = await createTestReporter(client, protection);
      const reply = { type: 'reply' as const, reply: { text: 'x', choices: [] } };
      const target = { channel: 'telegram' as const, reporterId };
      await enqueueTestOutbound(client, protection.cipher, target, [
        { purpose: 'reply', payload: reply },
        { purpose: 'reply', payload: reply },
        { purpose: 'receipt', reportId, payload: reply },
      ]);
      await expect(
        enqueueTestOutbound(client, protection.cipher, target, [
          { purpose: 'receipt', reportId, payload: reply },
        ]),
      ).rejects.toMatchObject({ code: '23505' });
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM outbound_message WHERE reporter_id = $1`,
        [reporterId],
      );
      expect(Number(rows[0]?.n)).toBe(3);
      // Ordinary messages (no report) are not in the index at all.
      const { rows: indexes } = await client.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE indexname = 'outbound_message_purpose_report_id_key'`,
      );
      expect(indexes[0]?.indexdef).toContain('WHERE (report_id IS NOT NULL)');
    } finally {
      client.release();
    }
  });
});
