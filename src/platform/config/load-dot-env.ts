import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Adds the variables of `.env` in the working directory to `process.env`, as `.env.example`
 * promises; a variable already set wins. Skipped under NODE_ENV=test, so a developer's `.env`
 * (a real bot token, say) never leaks into the processes a test starts.
 */
export function loadDotEnv(file = resolve('.env')): void {
  if (process.env.NODE_ENV === 'test' || !existsSync(file)) return;
  process.loadEnvFile(file);
}
