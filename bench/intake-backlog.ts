import type pg from 'pg';

export interface DrainResult {
  drained: boolean;
  /** From the call until nothing was left, or until the cap. */
  seconds: number;
  /** What was still left when the wait ended. */
  remaining: number;
}

/** "drained in 0.6 s", or "120 left after 20 s" when the cap ended the wait. */
export function describeDrain(drain: DrainResult): string {
  return drain.drained ? `drained in ${drain.seconds} s` : `${drain.remaining} left after ${drain.seconds} s`;
}

/** Inbound events committed (acknowledged) but not yet processed by the conversation intake. */
export async function pendingInboundEvents(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM inbound_event WHERE outcome = 'pending'`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Inbound events processed between two moments (epoch ms), whatever their outcome. */
export async function processedInboundEvents(db: pg.Pool, fromMs: number, toMs: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM inbound_event
     WHERE processed_at >= to_timestamp($1 / 1000.0) AND processed_at < to_timestamp($2 / 1000.0)`,
    [fromMs, toMs],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Polls `remaining` every 250 ms until it reaches 0 or `capMs` passes. The cap keeps the bench
 * bounded in time: a backlog that does not drain is reported, not waited out.
 */
export async function waitForDrain(remaining: () => Promise<number>, capMs: number): Promise<DrainResult> {
  const start = performance.now();
  for (;;) {
    const left = await remaining();
    const seconds = Math.round((performance.now() - start) / 100) / 10;
    if (left === 0) return { drained: true, seconds, remaining: 0 };
    if (performance.now() - start >= capMs) return { drained: false, seconds, remaining: left };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Percentiles of `processed_at - received_at` (the intake's processing lag) in milliseconds, of
 * the events received since `sinceMs` (epoch ms).
 */
export async function inboundProcessingLag(
  db: pg.Pool,
  sinceMs: number,
): Promise<{ events: number; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null }> {
  const { rows } = await db.query<{ n: string; p50: number | null; p95: number | null; p99: number | null }>(
    `SELECT count(*) AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY lag) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99
     FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000 AS lag
           FROM inbound_event
           WHERE processed_at IS NOT NULL AND received_at >= to_timestamp($1 / 1000.0)) l`,
    [sinceMs],
  );
  const row = rows[0];
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v));
  return { events: Number(row?.n ?? 0), p50Ms: ms(row?.p50), p95Ms: ms(row?.p95), p99Ms: ms(row?.p99) };
}
