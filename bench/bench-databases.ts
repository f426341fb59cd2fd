import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The bench's own databases on the local PostgreSQL, all named `tinbao_bench_<tag>_<purpose>`.
 * Every database created is remembered, so `dropAll` removes exactly those, also after a failure
 * half-way through.
 */
export class BenchDatabases {
  private readonly created: string[] = [];

  constructor(
    readonly tag: string,
    private readonly projectRoot: string,
  ) {
    if (!/^[a-z0-9]+$/.test(tag)) throw new Error('the database tag must be lower-case letters and digits');
  }

  nameOf(purpose: string): string {
    return `tinbao_bench_${this.tag}_${purpose}`;
  }

  urlOf(name: string): string {
    return Object.assign(new URL(adminUrl), { pathname: `/${name}` }).href;
  }

  /**
   * An empty database; with `template`, a copy of that (migrated, unused) database. `fileCopy`
   * copies the template's files after a checkpoint instead of writing every block through the WAL
   * (PostgreSQL 15's default): much faster for a big template such as the console's.
   */
  async create(purpose: string, template?: string, options: { fileCopy?: boolean } = {}): Promise<string> {
    const name = this.nameOf(purpose);
    const strategy = options.fileCopy ? ' STRATEGY FILE_COPY' : '';
    await admin((c) =>
      c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}${strategy}` : ''}`),
    );
    this.created.push(name);
    return name;
  }

  /**
   * Keeps a database this run created past `dropAll`, renamed to `as` (a cache for later runs,
   * such as the console's 1M-report template) with `comment` on it.
   */
  async keep(name: string, as: string, comment: string): Promise<void> {
    if (!/^tinbao_bench_[a-z0-9_]+$/.test(as)) throw new Error(`refusing to keep a database as ${as}`);
    await admin(async (c) => {
      await c.query(`ALTER DATABASE ${name} RENAME TO ${as}`);
      await c.query(`COMMENT ON DATABASE ${as} IS ${pg.escapeLiteral(comment)}`);
    });
    this.created.splice(this.created.indexOf(name), 1);
  }

  /** Applies the project's migrations the way tests and deployments do (offline schema engine). */
  async migrate(name: string): Promise<void> {
    await promisify(execFile)('npx', ['prisma', 'migrate', 'deploy'], {
      cwd: this.projectRoot,
      env: { ...process.env, DATABASE_URL: this.urlOf(name) },
    });
  }

  async query<T extends pg.QueryResultRow>(name: string, sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.urlOf(name) });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  async dropAll(): Promise<void> {
    for (const name of this.created.splice(0).reverse()) {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  }
}

/** Databases whose name starts with `prefix` (`tinbao_bench_…`), with their comment. */
export async function listBenchDatabases(
  prefix: string,
): Promise<{ name: string; comment: string | null }[]> {
  if (!prefix.startsWith('tinbao_bench_')) throw new Error(`refusing to list databases of ${prefix}`);
  const { rows } = await admin((c) =>
    c.query<{ name: string; comment: string | null }>(
      `SELECT datname AS name, shobj_description(oid, 'pg_database') AS comment
         FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname`,
      [prefix],
    ),
  );
  return rows;
}

/** Drops a database of the bench kept by an earlier run (a stale cache). */
export async function dropBenchDatabase(name: string): Promise<void> {
  if (!/^tinbao_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** The server's version string, e.g. "15.20 (Debian 15.20-0+deb12u1)". */
export async function postgresVersion(): Promise<string> {
  const rows = await admin((c) => c.query<{ server_version: string }>('SHOW server_version'));
  return rows.rows[0]?.server_version ?? 'unknown';
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
