import { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { createAccountsContext } from '../casework/accounts/accounts-context.ts';
import { alertBotOf } from '../casework/alerts/alert-bot.ts';
import { officerTelegram } from '../casework/alerts/officer-telegram-bot.ts';
import { registerApi } from '../casework/api/register-api.ts';
import type { ConsoleDeps } from '../casework/console/console-deps.ts';
import { registerConsole } from '../casework/console/register-console.ts';
import type { ChannelModule } from '../citizen/channels/channel-module.ts';
import { createChannels } from '../citizen/channels/enabled-channels.ts';
import type { WebhookIntake } from '../citizen/channels/webhook-intake.ts';
import { createInboundRecorder } from '../intake/inbox/record-inbound-event.ts';
import { registerIntakeGauges } from '../intake/register-intake-gauges.ts';
import type { Config } from '../platform/config/load-config.ts';
import { createDatabaseClient, type Database } from '../platform/database/create-database-client.ts';
import { createPgPool } from '../platform/database/create-pg-pool.ts';
import { checkReadiness, expectedMigrations } from '../platform/http/check-readiness.ts';
import { registerMetricsRoute } from '../platform/http/register-metrics-route.ts';
import { registerQueueDashboard } from '../platform/http/register-queue-dashboard.ts';
import {
  createIdentityProtection,
  type IdentityProtection,
} from '../platform/identity/identity-protection.ts';
import { createMetrics, type Metrics } from '../platform/observability/create-metrics.ts';
import { createRedisConnection } from '../platform/redis/create-redis-connection.ts';
import { registerDashboardPages } from '../supervision/console/register-dashboard-pages.ts';
import { registerLedgerPages } from '../supervision/console/register-ledger-pages.ts';
import { registerPeriodPages } from '../supervision/console/register-period-pages.ts';
import { loadDeadlineRules } from '../triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../triage/deadlines/vietnam-calendar.ts';
import { queueNames } from '../triage/queues/queue-names.ts';
import { type ConversationProcessor, createConversationProcessor } from './create-conversation-processor.ts';

export interface App {
  server: FastifyInstance;
  metrics: Metrics;
  db: Database;
  protection: IdentityProtection;
  /** Null when conversations are processed by the worker process. */
  processor: ConversationProcessor | null;
  /** Listens, starts background work, registers the webhook or starts polling. */
  start(): Promise<string>;
  /** Graceful: stop taking requests, finish the chats in progress, close connections. */
  stop(): Promise<void>;
}

export interface AppOptions {
  /**
   * Run conversation turns and deliver replies here (one process, and in-process tests). When
   * false (the separate web process) the worker does it, told of each commit by NOTIFY.
   */
  processConversations: boolean;
  /** Reports were submitted by this process's turns (one process: the worker's relay kick). */
  onSubmitted?: (() => void) | undefined;
}

/** Wires the web side from configuration. Tests build it in-process with fake platforms. */
export function createApp(
  config: Config,
  logger: Logger,
  options: AppOptions = { processConversations: true },
): App {
  const db = createDatabaseClient(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  const redis = createRedisConnection(config.REDIS_URL, 'producer');
  const protection = createIdentityProtection({
    encryptionKey: config.IDENTITY_ENCRYPTION_KEY,
    hashKey: config.IDENTITY_HASH_KEY,
  });
  const metrics = createMetrics();
  const channels: ChannelModule[] = createChannels({ config, db, protection, logger, metrics });
  const processor = options.processConversations
    ? createConversationProcessor(config, logger, {
        protection,
        channels,
        listen: false,
        metrics,
        onSubmitted: options.onSubmitted,
      })
    : null;
  // Webhook commits: a few connections are enough, as concurrent webhooks share one INSERT.
  const intakePool = createPgPool(config.DATABASE_URL, 4);
  const recorder = createInboundRecorder({
    pool: intakePool,
    protection,
    maxBatch: 100,
    maxInFlight: config.INTAKE_INSERTS_IN_FLIGHT,
    slowInsertMs: config.INTAKE_SLOW_INSERT_MS,
    notify: processor === null,
  });

  const triageQueue = new Queue(queueNames.triage, { connection: redis, prefix: config.QUEUE_PREFIX });
  triageQueue.on('error', () => {});
  registerIntakeGauges(metrics.registry, db, [triageQueue]);

  const server = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: config.TRUST_PROXY,
    // On SIGTERM the load balancer still sends updates for a moment: Fastify's default answers
    // them 503 (a non-2xx to Telegram). Handled instead, they commit before the database closes;
    // their responses carry `Connection: close`, so the close still completes (F3).
    return503OnClosing: false,
    // Fastify's request log carries the client's address: for the web chat, an anonymous
    // reporter's IP next to a time. Requests are counted in /metrics instead.
    logController: new LogController({ disableRequestLogging: true }),
    // Requests share the app's logger: a pino child with redaction per request was about 1% of
    // the web process's CPU under webhook load. The project's code does not log through
    // request.log; Fastify's own error and 404 lines do, now without a request id.
    childLoggerFactory: (parent) => parent,
  });
  server.get('/healthz', async () => ({ status: 'ok' }));
  // Reachable from the internet: closed unless a METRICS_TOKEN is set.
  registerMetricsRoute(server, {
    registry: metrics.registry,
    token: config.METRICS_TOKEN,
    withoutToken: 'closed',
  });
  const migrations = expectedMigrations();
  server.get('/readyz', async (_request, reply) => {
    const readiness = await checkReadiness(db, redis, migrations);
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });

  const intake: WebhookIntake = {
    logger,
    record: (adapter, raw) => recorder.record(adapter, raw),
    recorded: (result) => {
      if (config.NODE_ENV === 'test' && result.platformKey === config.FAULT_KILL_AFTER_COMMIT_UPDATE_ID) {
        // Fault injection for the crash test: die after the commit, before the platform's 200.
        process.kill(process.pid, 'SIGKILL');
      }
      if (result.kind === 'recorded' && result.chatKey) processor?.pump.kick();
    },
  };
  const consolePool = createPgPool(config.DATABASE_URL, 4);
  const consoleDeps: ConsoleDeps = {
    pool: consolePool,
    accounts: createAccountsContext({ pool: consolePool, cipher: protection.cipher }),
    cases: {
      pool: consolePool,
      context: {
        calendar: createVietnamCalendar(loadPublicHolidays(config.PUBLIC_HOLIDAYS_FILE)),
        rules: loadDeadlineRules(),
      },
      clock: () => new Date(),
      cipher: protection.cipher,
    },
    cipher: protection.cipher,
    logger,
    demo: config.DEMO_MODE,
    publicBaseUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    alertsBot: alertBotOf(config)?.bot ?? null,
  };
  const officers = officerTelegram(config, {
    pool: consolePool,
    protection,
    cases: consoleDeps.cases,
    logger,
    clock: () => new Date(),
  });
  // Officers' commands and presses on the citizens' bot reach the officer side first.
  const intakeOf = (channel: ChannelModule) =>
    channel.channel === 'telegram' ? officers.citizenIntake(intake) : intake;
  for (const channel of channels) channel.registerRoutes?.(server, intakeOf(channel));
  officers.registerRoutes(server, intake);
  registerConsole(server, consoleDeps);
  registerLedgerPages(server, consoleDeps);
  registerPeriodPages(server, consoleDeps);
  registerDashboardPages(server, consoleDeps);
  registerApi(server, consoleDeps);
  registerQueueDashboard(server, {
    queues: [triageQueue],
    user: config.ADMIN_USER,
    password: config.ADMIN_PASSWORD,
    logger,
  });

  return {
    server,
    metrics,
    db,
    protection,
    processor,
    async start() {
      const address = await server.listen({ host: config.HOST, port: config.PORT });
      processor?.start();
      for (const channel of channels) await channel.start?.(intakeOf(channel));
      await officers.start(intake);
      return address;
    },
    async stop() {
      // The server first: requests in flight still commit (and may schedule channel work, such as
      // a media download) before the channels stop and drain.
      await server.close();
      for (const channel of channels) await channel.stop?.();
      await officers.stop();
      await processor?.stop();
      await intakePool.end().catch(() => {});
      await consolePool.end().catch(() => {});
      await triageQueue.close().catch(() => {});
      redis.disconnect();
      await db.$disconnect();
    },
  };
}
