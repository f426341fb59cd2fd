import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInboundEventCounter,
  type InboundEventCount,
} from '../../../src/intake/inbox/inbound-event-counter.ts';
import {
  createDatabaseClient,
  type Database,
} from '../../../src/platform/database/create-database-client.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';

let database: PrivateDatabase;
let db: Database;
let sql: pg.Pool;
let nextKey = 1;
beforeAll(async () => {
  database = await createPrivateDatabase();
  db = createDatabaseClient(database.url, 2);
  sql = new pg.Pool({ connectionString: database.url, max: 4 });
});
afterAll(async () => {
  await db?.$disconnect();
  await sql?.end();
  await database?.drop();
});

/** Inserts events with `outcome`, received `minutesAgo` (0: now, by the column's default). */
async function insert(
  client: pg.Pool | pg.PoolClient,
  outcome: string,
  count: number,
  minutesAgo = 0,
): Promise<void> {
  await client.query(
    `INSERT INTO inbound_event (channel, platform_key, chat_key, payload_enc, outcome, received_at)
     SELECT 'telegram', 'k' || ($1::int + g), 'chat', '\\x00', $2::"InboundOutcome",
            now() - make_interval(mins => $3::int)
     FROM generate_series(1, $4::int) g`,
    [nextKey, outcome, minutesAgo, count],
  );
  nextKey += count;
}

/** What a full count says right now. */
async function truth(): Promise<Record<string, number>> {
  const { rows } = await sql.query<{ outcome: string; n: number }>(
    `SELECT outcome::text, count(*)::int AS n FROM inbound_event GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.outcome, row.n]));
}

function byOutcome(counts: InboundEventCount[]): Record<string, number> {
  expect(counts.every((count) => count.channel === 'telegram')).toBe(true);
  return Object.fromEntries(counts.filter((c) => c.n > 0).map((count) => [count.outcome, count.n]));
}

describe('inbound event counts for /metrics', () => {
  it('agrees with a full count while events arrive, settle and commit late, and keeps settled ones', async () => {
    const count = createInboundEventCounter(db);
    await insert(sql, 'other', 5, 60);
    await insert(sql, 'quarantined', 2, 60);
    await insert(sql, 'pending', 1, 60);
    await insert(sql, 'report_step', 3, 60);
    await insert(sql, 'report_step', 4);
    expect(byOutcome(await count())).toEqual(await truth());

    // The old pending event settles: it was above the watermark, so the change is seen.
    await sql.query(`UPDATE inbound_event SET outcome = 'report_step' WHERE outcome = 'pending'`);
    expect(byOutcome(await count())).toEqual({ other: 5, quarantined: 2, report_step: 8 });
    expect(byOutcome(await count())).toEqual(await truth());

    // An INSERT that commits after a later one: counted once it is visible, never lost.
    const held = await sql.connect();
    try {
      await held.query('BEGIN');
      await insert(held, 'pending', 1);
      await insert(sql, 'other', 2);
      expect(byOutcome(await count())).toEqual({ other: 7, quarantined: 2, report_step: 8 });
      await held.query('COMMIT');
    } finally {
      held.release();
    }
    expect(byOutcome(await count())).toEqual({ other: 7, pending: 1, quarantined: 2, report_step: 8 });

    // Events received over a minute ago, and not pending, are settled: kept, not read again. (An
    // outcome never changes after pending; changing one here shows the count was not re-read.)
    await sql.query(`UPDATE inbound_event SET outcome = 'throttled' WHERE outcome = 'quarantined'`);
    expect(byOutcome(await count())).toEqual({ other: 7, pending: 1, quarantined: 2, report_step: 8 });
  });

  it('counts settled events once when two scrapes run at the same time', async () => {
    const count = createInboundEventCounter(db);
    await insert(sql, 'other', 3, 60);
    const expected = await truth();
    const [first, second] = await Promise.all([count(), count()]);
    expect(byOutcome(first)).toEqual(expected);
    expect(byOutcome(second)).toEqual(expected);
    expect(byOutcome(await count())).toEqual(expected);
  });
});
