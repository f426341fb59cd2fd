import type { Logger } from 'pino';
import { type Config, loadConfig } from '../platform/config/load-config.ts';
import { loadDotEnv } from '../platform/config/load-dot-env.ts';
import { isAppError } from '../platform/errors/app-error.ts';
import { createLogger } from '../platform/observability/create-logger.ts';

export interface Service {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a service as a process: validated configuration from the environment and `.env` (a wrong
 * variable stops start-up with its name), logging, and a graceful stop on SIGTERM / SIGINT that
 * is forced after 25 s. `environment` replaces the process's own (the demo passes its defaults).
 */
export async function runService<S extends Service>(
  name: string,
  build: (config: Config, logger: Logger) => S,
  options: { environment?: NodeJS.ProcessEnv; onStarted?: (service: S) => void } = {},
): Promise<void> {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig(options.environment);
  } catch (error) {
    if (isAppError(error, 'config')) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL).child({ role: name });
  if (config.DEMO_MODE)
    logger.warn('DEMO_MODE: identity keys are derived from a public phrase; never use for real reports');
  const service = build(config, logger);
  try {
    await service.start();
    options.onStarted?.(service);
  } catch (error) {
    logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'start-up failed');
    await service.stop().catch(() => {});
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 25_000).unref();
    service.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
