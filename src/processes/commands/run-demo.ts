/**
 * `npm run demo`: the whole system on this machine's PostgreSQL and Redis, in DEMO_MODE. Creates
 * the database when it is missing, applies the migrations, starts web and worker in one process
 * and prints the web chat address. DATABASE_URL and REDIS_URL override the local defaults. A
 * server that is missing or unreachable gets one sentence naming the fix, and exit code 1.
 */
import { demoEnvironment } from '../../platform/config/demo-environment.ts';
import { loadConfig } from '../../platform/config/load-config.ts';
import { loadDotEnv } from '../../platform/config/load-dot-env.ts';
import { isAppError } from '../../platform/errors/app-error.ts';
import { allInOneService } from '../all-in-one-service.ts';
import { applyMigrations } from '../demo/apply-migrations.ts';
import { checkDemoRedis } from '../demo/check-demo-redis.ts';
import { checkPortFree } from '../demo/check-port-free.ts';
import { demoConsoleLines } from '../demo/demo-console-lines.ts';
import { ensureDemoDatabase } from '../demo/ensure-demo-database.ts';
import { runService } from '../run-service.ts';

loadDotEnv();
const environment = demoEnvironment();
try {
  const config = loadConfig(environment);
  const database = new URL(config.DATABASE_URL);
  await checkDemoRedis(config.REDIS_URL);
  await checkPortFree(config.HOST, config.PORT);
  const { created } = await ensureDemoDatabase(config.DATABASE_URL);
  await applyMigrations(config.DATABASE_URL, environment);
  process.stdout.write(
    `Tin Báo demo: database ${database.pathname.slice(1)} on ${database.host} (${created ? 'created' : 'found'}, migrated), Redis ${new URL(config.REDIS_URL).host}. Starting…\n`,
  );
} catch (error) {
  if (!(isAppError(error, 'demo_setup') || isAppError(error, 'config'))) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

await runService('demo', allInOneService, {
  environment,
  onStarted(service) {
    process.stdout.write(
      [
        '',
        'Tin Báo is running in DEMO_MODE (identity keys derived from a public phrase: never for real reports).',
        `Web chat: open ${service.webChat() ?? '(off: WEB_CHAT_ENABLED is false)'}`,
        ...demoConsoleLines(service.webChat()),
        'Stop with Ctrl+C.',
        '',
      ].join('\n'),
    );
  },
});
