import pg from 'pg';
import { AppError } from '../../platform/errors/app-error.ts';
import { failureOf, serverOf } from './demo-setup-error.ts';

/**
 * Makes sure the database of `databaseUrl` exists, creating it through the server's `postgres`
 * database when it does not. Returns whether it was created. Every failure is an AppError `demo_setup`.
 */
export async function ensureDemoDatabase(databaseUrl: string): Promise<{ created: boolean }> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name)
    throw new AppError(
      'demo_setup',
      'DATABASE_URL names no database: end it with /tinbao_demo, for example.',
    );
  try {
    await withClient(databaseUrl, async () => {});
    return { created: false };
  } catch (error) {
    if (failureOf(error).code !== '3D000') throw describe(error, url, name);
  }
  const maintenance = Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).href;
  try {
    await withClient(maintenance, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  } catch (error) {
    // Another demo starting at the same moment created it first: that is what was wanted.
    if (failureOf(error).code !== '42P04') throw describe(error, url, name);
  }
  return { created: true };
}

async function withClient<T>(
  connectionString: string,
  action: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function describe(error: unknown, url: URL, name: string): AppError<'demo_setup'> {
  const server = serverOf(url, 5432);
  const { code, message, unreachable } = failureOf(error);
  if (unreachable || message.includes('timeout'))
    return new AppError(
      'demo_setup',
      `PostgreSQL is not reachable at ${server} (${code ?? message}): start it (for example \`sudo service postgresql start\`) or set DATABASE_URL to a server that runs.`,
    );
  if (code === '28P01' || code === '28000')
    return new AppError(
      'demo_setup',
      `PostgreSQL at ${server} refused user "${decodeURIComponent(url.username) || '(none)'}" (${message}): set DATABASE_URL with a user and password it accepts.`,
    );
  if (code === '42501')
    return new AppError(
      'demo_setup',
      `PostgreSQL user "${decodeURIComponent(url.username)}" may not create the database "${name}": create it once (\`createdb ${name}\`) or set DATABASE_URL to a database that exists.`,
    );
  return new AppError('demo_setup', `PostgreSQL at ${server} answered: ${message}. Check DATABASE_URL.`);
}
