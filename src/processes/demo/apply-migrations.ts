import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AppError } from '../../platform/errors/app-error.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Applies the pending migrations to `databaseUrl` with `prisma migrate deploy` (the offline
 * schema engine of prisma.config.ts), as `npm run migrate` does.
 */
export async function applyMigrations(databaseUrl: string, environment: NodeJS.ProcessEnv): Promise<void> {
  try {
    await promisify(execFile)('npx', ['--no', 'prisma', 'migrate', 'deploy'], {
      cwd: root,
      env: { ...environment, DATABASE_URL: databaseUrl },
    });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr) : String(error);
    const last = output.trim().split('\n').slice(-3).join(' ');
    throw new AppError(
      'demo_setup',
      `Applying the migrations failed (${last}): run \`npm run migrate\` to see why.`,
    );
  }
}
