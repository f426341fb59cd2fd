import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface PrivateDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own (a copy of the run's template) for one test file or harness. Apps started by other files sweep every
 * pending inbound event and claim every pending outbound message in their database, and they hold
 * other identity keys and another fake Telegram: in a shared database they would quarantine this
 * file's events as undecryptable or delay its replies. Tests that leave work pending on purpose
 * (a crash, an outage, a flood) need a database nobody else processes.
 */
export async function createPrivateDatabase(): Promise<PrivateDatabase> {
  const runUrl = new URL(inject('databaseUrl'));
  const name = `${runUrl.pathname.slice(1)}_${randomBytes(3).toString('hex')}`;
  const adminUrl = Object.assign(new URL(runUrl.href), { pathname: '/postgres' }).href;
  const url = Object.assign(new URL(runUrl.href), { pathname: `/${name}` }).href;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`));
  return {
    url,
    async drop() {
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function admin<T>(url: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}
