import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** A migrated database nobody connects to, copied by `createPrivateDatabase`. */
    templateDatabase: string;
    queuePrefix: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Each test run gets its own database, migrated with the project's offline migration path, and
 * its own queue prefix; both are removed at the end so runs never collide.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = `tinbao_test_${randomBytes(5).toString('hex')}`;
  const template = `${name}_template`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).href;
  const templateUrl = Object.assign(new URL(adminUrl), { pathname: `/${template}` }).href;
  await admin((c) => c.query(`CREATE DATABASE ${template}`));
  await promisify(execFile)('npx', ['prisma', 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: templateUrl },
  });
  // Copying a migrated template takes milliseconds: every test file can afford its own database.
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  project.provide('databaseUrl', url);
  project.provide('templateDatabase', template);
  project.provide('queuePrefix', `tinbao-test-${randomBytes(4).toString('hex')}`);
  return async () => {
    // The run's database, its template and any private copy a failed test file left behind.
    await admin(async (c) => {
      const { rows } = await c.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2',
        [name, `${name}\\_%`],
      );
      for (const row of rows) await c.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    });
  };
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
