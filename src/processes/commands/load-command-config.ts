import { type Config, loadConfig } from '../../platform/config/load-config.ts';
import { loadDotEnv } from '../../platform/config/load-dot-env.ts';
import { isAppError } from '../../platform/errors/app-error.ts';

/**
 * The configuration of a one-shot command, from the environment and `.env`; a setting that does
 * not validate is printed with where to look, and the command exits 1.
 */
export function loadCommandConfig(): Config {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (error) {
    if (!isAppError(error, 'config')) throw error;
    process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
    process.exit(1);
  }
}
