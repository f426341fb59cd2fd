// The offline schema engine (prisma/offline-schema-engine.mjs) is what makes `prisma migrate …`
// work without the native binary download, so air-gapped installs depend on it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const engine = fileURLToPath(new URL('../../prisma/offline-schema-engine.mjs', import.meta.url));
const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const urlFor = (db: string) => Object.assign(new URL(adminUrl), { pathname: `/${db}` }).href;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: root, env: { ...process.env, ...env }, timeout: 25_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function admin<T>(action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

const shadowDatabases = () =>
  admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'prisma\\_shadow\\_%'",
    );
    return rows.map((r) => r.datname);
  });

describe('offline schema engine', () => {
  const database = `offline_engine_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = urlFor(database);

  beforeAll(() => admin((c) => c.query(`CREATE DATABASE "${database}"`)));
  afterAll(() => admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)));

  it('applies every migration to a fresh database with `prisma migrate deploy`', async () => {
    const result = await run('npx', ['prisma', 'migrate', 'deploy'], { DATABASE_URL: databaseUrl });
    expect(result.stderr + result.stdout).toContain('successfully applied');
    expect(result.code).toBe(0);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      const tables = rows.map((r) => r.table_name);
      expect(tables).toContain('_prisma_migrations');
      expect(tables.length).toBeGreaterThan(5);
      const failed = await client.query('SELECT 1 FROM _prisma_migrations WHERE finished_at IS NULL');
      expect(failed.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  }, 30_000);

  it('finds no drift between prisma/migrations and schema.prisma', async () => {
    const before = new Set(await shadowDatabases());
    const result = await run(
      'npx',
      [
        'prisma',
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema',
        'prisma/schema.prisma',
        '--exit-code',
      ],
      { DATABASE_URL: databaseUrl },
    );
    // Exit code 2 means a difference: run `prisma migrate dev --name <change>` to add a migration.
    expect(result.stdout).toContain('No difference detected');
    expect(result.code).toBe(0);

    // The shadow database built from the migrations is dropped again (allow a concurrent run's
    // shadow database a moment to go away).
    let leftovers: string[] = [];
    for (let i = 0; i < 10; i++) {
      leftovers = (await shadowDatabases()).filter((name) => !before.has(name));
      if (leftovers.length === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(leftovers).toEqual([]);
  }, 30_000);

  it('fails fast and clearly when the database does not exist', async () => {
    const missing = urlFor(`${database}_missing`);
    const started = Date.now();
    const direct = await run(process.execPath, [
      engine,
      '--datasource',
      JSON.stringify({ url: missing }),
      'cli',
      'can-connect-to-database',
    ]);
    expect(direct.code).toBe(1);
    // The CLI skips the first stderr line and reads the rest as JSON log lines.
    const logs = direct.stderr
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => JSON.parse(line));
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        target: 'schema_engine::logger',
        fields: expect.objectContaining({
          error_code: 'P1003',
          message: expect.stringContaining('does not exist'),
        }),
      }),
    );

    const status = await run('npx', ['prisma', 'migrate', 'status'], { DATABASE_URL: missing });
    expect(status.code).toBe(1);
    expect(status.stderr + status.stdout).toMatch(/P1003.*does not exist/);
    expect(Date.now() - started).toBeLessThan(20_000);

    const unreachable = await run(process.execPath, [
      engine,
      '--datasource',
      JSON.stringify({ url: 'postgres://postgres@127.0.0.1:1/none' }),
      'cli',
      'can-connect-to-database',
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('"error_code":"P1001"');
  }, 30_000);
});
