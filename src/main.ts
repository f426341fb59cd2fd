import { createApp } from './app/create-app.ts';
import { ConfigError, loadConfig } from './config/load-config.ts';
import { createLogger } from './observability/create-logger.ts';

/** Starts the whole system; stops gracefully on SIGTERM / SIGINT. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (config.DEMO_MODE)
    logger.warn('DEMO_MODE: identity keys are derived from a public phrase; never use for real reports');
  if (!config.TELEGRAM_BOT_TOKEN) logger.warn('no TELEGRAM_BOT_TOKEN: the Telegram channel is off');
  const app = createApp(config, logger);
  const address = await app.start();
  logger.info({ address }, 'Tin Báo is listening');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

await main();
