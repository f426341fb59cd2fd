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
  tps: number;
  latencyAverageMs: number;
  payloadBytes: number;
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
  options: { clients: number; durationSeconds: number },
): Promise<RawInsertResult> {
  const name = await databases.create('raw');
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
    return {
      tool: 'pgbench',
      clients: options.clients,
      durationSeconds: options.durationSeconds,
      transactions: Number(read(stdout, /number of transactions actually processed: (\d+)/)),
      tps: Math.round(Number(read(stdout, /tps = ([\d.]+)/))),
      latencyAverageMs: Number(read(stdout, /latency average = ([\d.]+) ms/)),
      payloadBytes,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function read(output: string, pattern: RegExp): string {
  const found = pattern.exec(output)?.[1];
  if (found === undefined) throw new Error(`pgbench output lacks ${pattern}:\n${output}`);
  return found;
}
