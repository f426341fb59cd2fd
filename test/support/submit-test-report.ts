import { randomUUID } from 'node:crypto';
import type { Draft } from '../../src/citizen/engine/conversation-state.ts';
import { type SubmittedReport, submitReport } from '../../src/intake/register/submit-report.ts';
import { createPgPool, inTransaction, type PgClient } from '../../src/platform/database/create-pg-pool.ts';
import type { IdentityProtection } from '../../src/platform/identity/identity-protection.ts';

/** A crime tip as the flows leave it, with what a test changes. */
export function testDraft(changes: Partial<Draft> = {}): Draft {
  return {
    kind: 'crime_tip',
    category: 'theft',
    description: 'Trộm xe máy trước cổng chợ lúc chiều.',
    anonymity: 'anonymous',
    amendments: [],
    attachments: [],
    helpNeeded: [],
    ...changes,
  };
}

/** Runs `work` in one transaction of its own on `databaseUrl`, as the intake does. */
export async function inTestTransaction<T>(
  databaseUrl: string,
  work: (tx: PgClient) => Promise<T>,
): Promise<T> {
  const pool = createPgPool(databaseUrl, 1);
  try {
    return await inTransaction(pool, {}, work);
  } finally {
    await pool.end();
  }
}

/** Creates a Telegram reporter in the transaction; returns its id. */
export async function createTestReporter(tx: PgClient, protection: IdentityProtection): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO reporter (id, channel, identity_hash, chat_id_enc) VALUES ($1, 'telegram', $2, $3)`,
    [id, protection.hasher.hash('telegram', `seed-${randomUUID()}`), protection.cipher.encrypt('seed')],
  );
  return id;
}

/** A committed report of a new reporter, submitted as a confirmed conversation submits it. */
export function submitTestReport(
  databaseUrl: string,
  protection: IdentityProtection,
  options: { draft?: Partial<Draft>; now?: Date } = {},
): Promise<SubmittedReport> {
  return inTestTransaction(databaseUrl, async (tx) =>
    submitReport(tx, protection, {
      draft: testDraft(options.draft),
      language: 'vi',
      channel: 'telegram',
      reporterId: await createTestReporter(tx, protection),
      register: 'TB',
      now: options.now ?? new Date(),
    }),
  );
}
