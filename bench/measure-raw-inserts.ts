import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchDatabases } from './bench-databases.ts';

export interface RawInsertResult {
  tool: string;
  clients: number;
  durationSeconds: number;
  transactions: number;
  /** Transactions per second (of `runs`, their mean). */
  tps: number;
  latencyAverageMs: number;
  payloadBytes: number;
  /** Each measurement's transactions per second, in the order taken. */
  runs: number[];
}

/** About the size of an encrypted Telegram text update as the intake stores it. */
const payloadBytes = 512;

/**
 * The physical limit the intake is compared with: pgbench running one single-row INSERT per
 * transaction (autocommit, synchronous_commit as configured) into a one-table database, with the
 * same number of clients as the webhook load.
 */
export async function measureRawInserts(
  databases: BenchDatabases,
  options: { clients: number; durationSeconds: number; purpose: string },
): Promise<RawInsertResult> {
  const name = await databases.create(options.purpose);
  await databases.query(
    name,
    `CREATE TABLE raw_insert (
       id bigserial PRIMARY KEY,
       payload text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now())`,
  );
  const folder = await mkdtemp(join(tmpdir(), 'tinbao-bench-'));
  try {
    const script = join(folder, 'single-row-insert.sql');
    await writeFile(script, `INSERT INTO raw_insert (payload) VALUES (repeat('x', ${payloadBytes}));\n`);
    const { stdout } = await promisify(execFile)(
      'pgbench',
      [
        '-n',
        '-h',
        '127.0.0.1',
        '-U',
        'postgres',
        '-c',
        String(options.clients),
        '-j',
        String(options.clients),
        '-T',
        String(options.durationSeconds),
        '-f',
        script,
        name,
      ],
      { timeout: (options.durationSeconds + 30) * 1000 },
    );
    const tps = Math.round(Number(read(stdout, /tps = ([\d.]+)/)));
    return {
      tool: 'pgbench',
      clients: options.clients,
      durationSeconds: options.durationSeconds,
      transactions: Number(read(stdout, /number of transactions actually processed: (\d+)/)),
      tps,
      latencyAverageMs: Number(read(stdout, /latency average = ([\d.]+) ms/)),
      payloadBytes,
      runs: [tps],
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Two measurements taken around another (before and after (b)) as one limit: the mean, with each
 * run kept. On a shared machine the limit moves within minutes; a figure compared with the mean of
 * measurements on either side of it is less at the mercy of one moment.
 */
export function combineRawInserts(first: RawInsertResult, second: RawInsertResult): RawInsertResult {
  const runs = [...first.runs, ...second.runs];
  return {
    ...first,
    transactions: first.transactions + second.transactions,
    durationSeconds: first.durationSeconds + second.durationSeconds,
    tps: Math.round(runs.reduce((a, b) => a + b, 0) / runs.length),
    latencyAverageMs: Math.round(((first.latencyAverageMs + second.latencyAverageMs) / 2) * 1000) / 1000,
    runs,
  };
}

function read(output: string, pattern: RegExp): string {
  const found = pattern.exec(output)?.[1];
  if (found === undefined) throw new Error(`pgbench output lacks ${pattern}:\n${output}`);
  return found;
}
