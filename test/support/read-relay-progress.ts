import type { Database } from '../../src/platform/database/create-database-client.ts';

/** Outbox rows relayed to the queue and reports triaged so far: how far the worker has got. */
export async function readRelayProgress(db: Database): Promise<{ relayed: number; triaged: number }> {
  const [row] = await db.$queryRaw<{ relayed: bigint; triaged: bigint }[]>`
    SELECT (SELECT count(*) FROM outbox WHERE dispatched_at IS NOT NULL) AS relayed,
           (SELECT count(*) FROM report WHERE triaged_at IS NOT NULL) AS triaged`;
  return { relayed: Number(row?.relayed), triaged: Number(row?.triaged) };
}
