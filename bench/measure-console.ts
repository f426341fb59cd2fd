import pg from 'pg';
import { decodeQueueCursor, encodeQueueCursor } from '../src/casework/console/queue-query.ts';
import { type QueueFilter, readUnitQueue } from '../src/casework/reports/read-unit-queue.ts';
import type { PgPool } from '../src/platform/database/create-pg-pool.ts';
import type { BenchSystem } from './bench-system.ts';
import { consoleBenchIdentity } from './console-bench-identity.ts';
import { ConsoleClient } from './console-client.ts';
import { type CpuShare, cpuShareBetween, takeCpuSnapshot } from './cpu-usage.ts';
import { type LoadResult, runOpenLoop } from './load-generator.ts';
import { openLoop } from './open-loop.ts';
import { type LatencySummary, summariseLatencies } from './percentile.ts';
import { WebhookClient } from './webhook-client.ts';

/** One kind of console request, measured over `requestsPerRow` requests in its own window. */
export interface ConsolePageResult {
  name: string;
  unit: 'big' | 'small';
  /** The first path asked for (report pages go through many reports). */
  path: string;
  /** Queue pages: rows shown (50 is a full page) and open reports of the unit matching the filter. */
  rowsShown: number | null;
  matching: number | null;
  /** Which raw query it is compared with. */
  raw: 'queue' | 'report';
  latency: LatencySummary;
  /** HTTP status (0 = network error or no answer in 10 s) → count, for every answer other than 200. */
  failures: Record<string, number>;
  /** Where the CPU went during its window. */
  cpu: CpuShare;
  /** The intake's acknowledgements during its window. */
  intake: LatencySummary;
}

export interface QueuePlan {
  name: string;
  executionMs: number;
  /** The indexes the plan reads, and the rows its filters threw away. */
  indexes: string[];
  rowsRemovedByFilter: number;
  text: string;
}

export interface ConsoleResult {
  units: Record<'big' | 'small', { id: string; reports: number; open: number }>;
  /** Requests per second of each kind's window (open loop), and requests per kind. */
  ratePerSecond: number;
  requestsPerRow: number;
  pages: ConsolePageResult[];
  /**
   * The same index read without the web process, through a pool of the bench's own, at the same
   * rate in the window of the page it is compared with: the queue's `SELECT … LIMIT 51` in the big
   * unit's first page's, a report by id in the big unit's report page's.
   */
  raw: { queue: LatencySummary; report: LatencySummary };
  /** The intake's open loop that ran meanwhile (worker stopped, as in (b)'s half rate). */
  intake: LoadResult;
  plans: QueuePlan[];
}

const open = `status NOT IN ('transferred', 'closed')`;
const queueOrder = `unit_id, priority, COALESCE(next_due_at, 'infinity'::timestamptz), id`;
const bigUnit = 'PROV-01';
const pageSize = 50;
/** The filters measured besides the default page and the 50th: one of each, two of status. */
const filters = (officerId: string): { name: string; filter: QueueFilter; query: string }[] => [
  { name: 'status=submitted', filter: { statuses: ['submitted'] }, query: 'status=submitted' },
  { name: 'category=corruption', filter: { category: 'corruption' }, query: 'category=corruption' },
  { name: 'channel=web', filter: { channel: 'web' }, query: 'channel=web' },
  { name: 'assignee=me', filter: { assignee: officerId }, query: `assignee=${officerId}` },
  // The filter offers the terminal statuses too, and most of a unit's reports end closed.
  { name: 'status=closed', filter: { statuses: ['closed'] }, query: 'status=closed' },
];

/**
 * (e) The officer console with the 1M-report database, through the real web process and the real
 * login: a big unit's queue (first page, page 50 through the cursor, each filter) and report
 * pages, and a small unit's first page and report pages. Each kind has its own window: an open
 * loop of `requestsPerRow` requests at `ratePerSecond` (request i due at start + i / rate, latency
 * counted from that moment, no answer within 10 s a failure), so a slow kind shows in its own row
 * and not in the others'; `status=closed` goes last. Before them, a warm-up of the other kinds and the
 * queue statement of each variant, exactly as `readUnitQueue` writes it, under EXPLAIN ANALYZE.
 * Throughout, the intake takes webhooks at `intakeRate` in an open loop with the worker stopped, as
 * (b)'s half rate does.
 */
export async function measureConsole(options: {
  system: BenchSystem;
  ratePerSecond: number;
  requestsPerRow: number;
  intakeRate: number;
  intakeSockets: number;
  warmUpMs: number;
  nextUpdate: () => Buffer;
  log: (line: string) => void;
}): Promise<ConsoleResult> {
  const { system, log } = options;
  if (system.worker) await system.stopWorker();
  const raw = new pg.Pool({ connectionString: system.databaseUrl, max: 4 });
  const clients: ConsoleClient[] = [];
  const intakeClient = new WebhookClient(system.webhookUrl, system.secret, options.intakeSockets);
  const stopIntake = new AbortController();
  /** The intake's latencies since the current window began. */
  let intakeWindow: number[] = [];
  let intake: Promise<LoadResult> | null = null;
  try {
    const units = await pickUnits(system.db);
    log(
      `  big unit ${units.big.id} (${units.big.reports} reports, ${units.big.open} open), small ${units.small.id} (${units.small.reports}, ${units.small.open} open)`,
    );
    const login = async (unit: string) => {
      const client = new ConsoleClient(system.web.baseUrl, 8);
      clients.push(client);
      const username = `bench.${unit.toLowerCase()}.1`;
      await client.login(username, consoleBenchIdentity.password, consoleBenchIdentity.totpSecret);
      const { rows } = await system.db.query<{ id: string }>('SELECT id FROM officer WHERE username = $1', [
        username,
      ]);
      return { client, officerId: rows[0]?.id ?? '' };
    };
    const big = await login(units.big.id);
    const small = await login(units.small.id);

    const reportIds = async (unit: string) =>
      (
        await system.db.query<{ id: string }>(
          `SELECT id FROM report WHERE unit_id = $1 AND ${open} ORDER BY random() LIMIT $2`,
          [unit, options.requestsPerRow],
        )
      ).rows.map((r) => r.id);
    const bigReports = await reportIds(units.big.id);
    const smallReports = await reportIds(units.small.id);
    // Page 50 at full size; the last page of a smaller database.
    const page50 = await cursorAfter(
      system.db,
      units.big.id,
      Math.max(1, Math.min(49 * pageSize, units.big.open - 1)),
    );
    const variants = filters(big.officerId);

    type Row = Omit<ConsolePageResult, 'latency' | 'failures' | 'cpu' | 'intake'> & {
      client: ConsoleClient;
      next: () => string;
    };
    const cycle = <T>(values: T[]) => {
      let i = 0;
      return () => values[i++ % values.length] as T;
    };
    const queueRow = async (
      name: string,
      unit: 'big' | 'small',
      client: ConsoleClient,
      path: string,
      filter: QueueFilter | null,
    ): Promise<Row> => ({
      name,
      unit,
      path,
      rowsShown: null,
      matching: filter ? await countMatching(system.db, units.big.id, filter) : null,
      raw: 'queue',
      client,
      next: () => path,
    });
    const reportRow = (unit: 'big' | 'small', client: ConsoleClient, ids: string[]): Row => ({
      name: 'report page',
      unit,
      path: `/console/reports/${ids[0]}`,
      rowsShown: null,
      matching: null,
      raw: 'report',
      client,
      next: cycle(ids.map((id) => `/console/reports/${id}`)),
    });
    const rows: Row[] = [
      await queueRow('queue, first page', 'big', big.client, '/console', null),
      await queueRow('queue, page 50 (cursor)', 'big', big.client, `/console?after=${page50}`, null),
      reportRow('big', big.client, bigReports),
      await queueRow('queue, first page', 'small', small.client, '/console', null),
      reportRow('small', small.client, smallReports),
      ...(await Promise.all(
        variants.map((v) => queueRow(`queue, ${v.name}`, 'big', big.client, `/console?${v.query}`, v.filter)),
      )),
    ];
    // Every page answers as it should before anything is timed.
    for (const row of rows) {
      const answer = await row.client.get(row.path);
      if (answer.status !== 200)
        throw new Error(`${row.path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      if (row.raw === 'queue') row.rowsShown = answer.body.split('href="/console/reports/').length - 1;
    }

    const windowMs = (options.requestsPerRow / options.ratePerSecond) * 1000;
    log(
      `  ${rows.length} kinds, each ${options.requestsPerRow} requests at ${options.ratePerSecond}/s (${Math.round(windowMs / 1000)} s), intake ${options.intakeRate}/s open loop, worker stopped`,
    );
    intake = runOpenLoop({
      client: intakeClient,
      ratePerSecond: options.intakeRate,
      // Long enough for every window, however slow; stopped when they are done.
      durationMs: rows.length * (windowMs + 10_000) + options.warmUpMs + 60_000,
      maxSockets: options.intakeSockets,
      nextBody: options.nextUpdate,
      stop: stopIntake.signal,
      onAnswer: (status, latencyMs) => {
        if (status === 200) intakeWindow.push(latencyMs);
      },
    });
    // Warm-up: every kind in turn but the last (status=closed saturates PostgreSQL for seconds after
    // its requests, which would spill into the first window), not counted; then the plans.
    const warmed = rows.slice(0, -1);
    const warmUp = Math.max(warmed.length, Math.round((options.warmUpMs / 1000) * options.ratePerSecond));
    await openLoop(options.ratePerSecond, warmUp, async (i) => {
      const row = warmed[i % warmed.length] as Row;
      return (await row.client.get(row.next())).status;
    });
    const plans = await explainQueue(raw, units.big.id, [
      { name: 'first page', filter: {}, cursor: null },
      { name: 'page 50 (cursor)', filter: {}, cursor: page50 },
      ...variants.map((v) => ({ name: v.name, filter: v.filter, cursor: null })),
    ]);
    // The intake's open loop catches up on anything the warm-up and the plans held back.
    await sleep(2000);
    for (const plan of plans)
      log(
        `    plan ${plan.name}: ${plan.executionMs} ms, ${plan.indexes.join(', ') || 'no index'}, ${plan.rowsRemovedByFilter} rows removed by filter`,
      );

    const rawQueue = `SELECT id, register_number, kind, channel, category, status, victim_track_status, priority,
                             submitted_at, next_due_at
                        FROM report WHERE unit_id = $1 AND ${open} ORDER BY ${queueOrder} LIMIT ${pageSize + 1}`;
    const nextRawReport = cycle(bigReports);
    const rawSamples: Record<'queue' | 'report', number[]> = { queue: [], report: [] };
    const pids = { web: system.web.pid };
    const pages: ConsolePageResult[] = [];
    for (const row of rows) {
      const rawQuery =
        row.unit !== 'big' || row.matching !== null || row.path.includes('after=')
          ? null
          : row.raw === 'queue'
            ? () => raw.query(rawQueue, [units.big.id])
            : () => raw.query('SELECT * FROM report WHERE id = $1', [nextRawReport()]);
      const before = takeCpuSnapshot(pids);
      intakeWindow = [];
      const [samples, rawTimes] = await Promise.all([
        openLoop(
          options.ratePerSecond,
          options.requestsPerRow,
          async () => (await row.client.get(row.next())).status,
        ),
        rawQuery
          ? openLoop(options.ratePerSecond, options.requestsPerRow, async () => {
              await rawQuery();
              return 200;
            })
          : Promise.resolve([]),
      ]);
      const cpu = cpuShareBetween(before, takeCpuSnapshot(pids));
      const intakeLatency = summariseLatencies(intakeWindow);
      if (rawQuery) rawSamples[row.raw] = rawTimes.map((s) => s.ms);
      const failures: Record<string, number> = {};
      for (const s of samples) if (s.status !== 200) failures[s.status] = (failures[s.status] ?? 0) + 1;
      const latency = summariseLatencies(samples.filter((s) => s.status === 200).map((s) => s.ms));
      log(
        `    ${row.unit} ${row.name}: p50 ${latency.p50Ms}, p95 ${latency.p95Ms}, p99 ${latency.p99Ms} ms; PostgreSQL ${cpu.cores.postgres} cores, web ${cpu.cores.web}; intake p99 ${intakeLatency.p99Ms} ms${latency.count < samples.length ? `; ${samples.length - latency.count} failed` : ''}`,
      );
      const { client: _client, next: _next, ...rest } = row;
      pages.push({ ...rest, latency, failures, cpu, intake: intakeLatency });
    }
    stopIntake.abort();
    const intakeResult = await intake;
    log(
      `    intake meanwhile: ${intakeResult.acknowledgedPerSecond}/s, p99 ${intakeResult.latency.p99Ms} ms`,
    );
    const rawResult = {
      queue: summariseLatencies(rawSamples.queue),
      report: summariseLatencies(rawSamples.report),
    };
    log(
      `    raw queue SELECT p95 ${rawResult.queue.p95Ms} ms, raw report SELECT p95 ${rawResult.report.p95Ms} ms`,
    );
    return {
      units,
      ratePerSecond: options.ratePerSecond,
      requestsPerRow: options.requestsPerRow,
      pages,
      raw: rawResult,
      intake: intakeResult,
      plans,
    };
  } finally {
    stopIntake.abort();
    await intake?.catch(() => {});
    for (const client of clients) client.close();
    intakeClient.close();
    await raw.end();
  }
}

/** The biggest unit, and the smallest with at least five open reports (a page that is not empty). */
async function pickUnits(db: pg.Pool): Promise<ConsoleResult['units']> {
  const { rows } = await db.query<{ id: string; reports: string; open: string }>(
    `SELECT unit_id AS id, count(*) AS reports, count(*) FILTER (WHERE ${open}) AS open
       FROM report GROUP BY unit_id ORDER BY count(*) DESC`,
  );
  const big = rows.find((r) => r.id === bigUnit);
  const small = [...rows].reverse().find((r) => Number(r.open) >= 5);
  if (!big || !small) throw new Error('the console database has no big or no small unit');
  const unit = (r: { id: string; reports: string; open: string }) => ({
    id: r.id,
    reports: Number(r.reports),
    open: Number(r.open),
  });
  return { big: unit(big), small: unit(small) };
}

/** The cursor a page link carries after `offset` open reports of the unit (page 50 after 2,450). */
async function cursorAfter(db: pg.Pool, unit: string, offset: number): Promise<string> {
  const { rows } = await db.query<{ priority: number; next_due_at: Date | null; id: string }>(
    `SELECT priority, next_due_at, id FROM report WHERE unit_id = $1 AND ${open}
      ORDER BY ${queueOrder} OFFSET $2 LIMIT 1`,
    [unit, offset - 1],
  );
  const last = rows[0];
  if (!last) throw new Error(`unit ${unit} has fewer than ${offset} open reports`);
  return encodeQueueCursor({ priority: last.priority, due: last.next_due_at, id: last.id });
}

async function countMatching(db: pg.Pool, unit: string, filter: QueueFilter): Promise<number> {
  const { text, values } = captureQueueQuery(unit, filter, null, 1_000_000);
  const { rows } = await db.query<{ n: string }>({ text: `SELECT count(*) AS n FROM (${text}) q`, values });
  return Number(rows[0]?.n);
}

/** The statement `readUnitQueue` sends for a filter and cursor, without sending it. */
function captureQueueQuery(
  unit: string,
  filter: QueueFilter,
  cursor: string | null,
  limit: number,
): { text: string; values: unknown[] } {
  let captured: { text: string; values: unknown[] } = { text: '', values: [] };
  const pool = {
    query: async (config: { text: string; values: unknown[] }) => {
      captured = config;
      return { rows: [] };
    },
  } as unknown as PgPool;
  // readUnitQueue sends its statement before its first await, so it is captured on return.
  void readUnitQueue(pool, [unit], filter, cursor ? decodeQueueCursor(cursor) : null, limit);
  return captured;
}

async function explainQueue(
  pool: pg.Pool,
  unit: string,
  variants: { name: string; filter: QueueFilter; cursor: string | null }[],
): Promise<QueuePlan[]> {
  const plans: QueuePlan[] = [];
  for (const variant of variants) {
    const { text, values } = captureQueueQuery(unit, variant.filter, variant.cursor, pageSize);
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>({
      text: `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
      values,
    });
    const lines = rows.map((r) => r['QUERY PLAN']);
    const plan = lines.join('\n');
    plans.push({
      name: variant.name,
      executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN),
      indexes: [
        ...new Set(
          [...plan.matchAll(/(?:Index Scan|Index Only Scan) using (\S+)|Bitmap Index Scan on (\S+)/g)].map(
            (m) => (m[1] ?? m[2]) as string,
          ),
        ),
      ],
      rowsRemovedByFilter: [...plan.matchAll(/Rows Removed by Filter: (\d+)/g)].reduce(
        (sum, m) => sum + Number(m[1]),
        0,
      ),
      text: plan,
    });
  }
  return plans;
}

/**
 * `total` calls of `send`, call i due at start + i / rate whatever the answers; each sample's time
 * counts from its planned moment, so a stall shows instead of lowering the rate.
 */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
