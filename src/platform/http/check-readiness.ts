import { readdirSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { Database } from '../database/create-database-client.ts';

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; migrations: boolean; redis: boolean };
}

const migrationsDir = new URL('../../../prisma/migrations/', import.meta.url);

/** The migrations this build expects to find applied. */
export function expectedMigrations(): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

/** Ready when PostgreSQL answers with every migration of this build applied and Redis answers. */
export async function checkReadiness(db: Database, redis: Redis, expected: string[]): Promise<Readiness> {
  const [database, migrations, redisUp] = await Promise.all([
    db.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    ),
    db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`.then(
      (rows) => expected.every((name) => rows.some((row) => row.migration_name === name)),
      () => false,
    ),
    withTimeout(redis.ping(), 1000).then(
      (answer) => answer === 'PONG',
      () => false,
    ),
  ]);
  return { ready: database && migrations && redisUp, checks: { database, migrations, redis: redisUp } };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}
