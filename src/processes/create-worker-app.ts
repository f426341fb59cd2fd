import { Queue, UnrecoverableError, Worker } from 'bullmq';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { alertBotOf } from '../casework/alerts/alert-bot.ts';
import { createOfficerAlertLoop } from '../casework/alerts/create-officer-alert-loop.ts';
import { seedDemoOfficers } from '../casework/demo/seed-demo-officers.ts';
import { createReceiptNoticeLoop } from '../casework/notices/create-receipt-notice-loop.ts';
import { reminderSettingsOf } from '../casework/reminders/reminder-settings-of.ts';
import { createChannels } from '../citizen/channels/enabled-channels.ts';
import { createTelegramApi } from '../citizen/channels/telegram/telegram-api.ts';
import type { Config } from '../platform/config/load-config.ts';
import { createDatabaseClient, type Database } from '../platform/database/create-database-client.ts';
import { createPgPool } from '../platform/database/create-pg-pool.ts';
import { registerMetricsRoute } from '../platform/http/register-metrics-route.ts';
import { createIdentityProtection } from '../platform/identity/identity-protection.ts';
import { createMetrics, loopMetrics, type Metrics } from '../platform/observability/create-metrics.ts';
import { assertRedisNoEviction } from '../platform/redis/assert-redis-noeviction.ts';
import { createRedisConnection, redisReady } from '../platform/redis/create-redis-connection.ts';
import { createLedgerLoop } from '../supervision/ledger/create-ledger-loop.ts';
import { createLedgerVerifyLoop } from '../supervision/ledger/create-ledger-verify-loop.ts';
import { loadDeadlineRules } from '../triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../triage/deadlines/load-public-holidays.ts';
import { registerCalendarGauges } from '../triage/deadlines/register-calendar-gauges.ts';
import { createVietnamCalendar } from '../triage/deadlines/vietnam-calendar.ts';
import { createCalendarHorizonWatch } from '../triage/deadlines/watch-calendar-horizon.ts';
import { createOutboxReconciler, type OutboxReconciler } from '../triage/outbox/reconcile-outbox.ts';
import { createOutboxRelay, type OutboxRelay } from '../triage/outbox/relay-outbox.ts';
import { type QueueName, queueNames } from '../triage/queues/queue-names.ts';
import { triageJob } from '../triage/queues/triage-job.ts';
import { loadTriageRules } from '../triage/rules/load-triage-rules.ts';
import { createTriageBatcher } from '../triage/triage-batcher.ts';
import { seedPoliceUnits } from '../triage/units/seed-police-units.ts';
import { type ConversationProcessor, createConversationProcessor } from './create-conversation-processor.ts';
import { demoConsoleLines } from './demo/demo-console-lines.ts';

/** Listener addresses this machine alone reaches. */
const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

export interface WorkerApp {
  db: Database;
  queues: ReadonlyMap<QueueName, Queue>;
  relay: OutboxRelay;
  reconciler: OutboxReconciler;
  metrics: Metrics;
  /** Conversation turns and reply delivery, when this worker runs them (web and worker apart). */
  processor: ConversationProcessor | null;
  /** Checks Redis, seeds units, starts the worker, relay and reconciler (and its own HTTP port). */
  start(options?: { listen: boolean }): Promise<string | null>;
  /** Graceful: stop taking jobs, let active ones finish (or be released), close connections. */
  stop(): Promise<void>;
}

/**
 * The background side: relays the outbox into BullMQ, runs triage jobs, and reconciles what Redis
 * may have lost. Reads its rules at construction so a bad rules file stops start-up.
 */
export function createWorkerApp(
  config: Config,
  logger: Logger,
  options: { metrics?: Metrics; processConversations?: boolean } = {},
): WorkerApp {
  const db = createDatabaseClient(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  // The relay and triage run for every report: plain SQL, a connection each (triage runs its
  // jobs in batches, one batch at a time).
  const pool = createPgPool(config.DATABASE_URL, 2);
  const producer = createRedisConnection(config.REDIS_URL, 'producer');
  const consumer = createRedisConnection(config.REDIS_URL, 'worker');
  const metrics = options.metrics ?? createMetrics();
  const protection = createIdentityProtection({
    encryptionKey: config.IDENTITY_ENCRYPTION_KEY,
    hashKey: config.IDENTITY_HASH_KEY,
  });
  const triageQueue = new Queue(queueNames.triage, { connection: producer, prefix: config.QUEUE_PREFIX });
  triageQueue.on('error', () => {});
  const queues = new Map<QueueName, Queue>([[queueNames.triage, triageQueue]]);
  const relay = createOutboxRelay({
    pool,
    queues,
    logger,
    intervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    batchSize: 500,
    loopMetrics: loopMetrics(metrics),
  });
  // Pushes to officers' linked Telegram accounts, when a bot is configured.
  const alertBot = alertBotOf(config);
  const alertSettings = { urgentPriority: config.ALERT_URGENT_PRIORITY };
  // Alerts are raised for the console whatever the bot; pushed to Telegram when one is configured.
  const officerAlerts = createOfficerAlertLoop({
    pool,
    sender: alertBot
      ? {
          pool,
          cipher: protection.cipher,
          api: createTelegramApi(alertBot.connection),
          consoleUrl: config.PUBLIC_URL ?? null,
          spacingMs: 200,
        }
      : null,
    reminders: reminderSettingsOf(config),
    logger,
    intervalMs: config.ALERT_INTERVAL_SECONDS * 1000,
    loopMetrics: loopMetrics(metrics),
  });
  // The written receipt notice of each triaged report, to the reporter's chat and as the procuracy's due item.
  const receiptNotices = createReceiptNoticeLoop({
    pool,
    cipher: protection.cipher,
    logger,
    intervalMs: config.OUTBOX_POLL_INTERVAL_MS * 10,
    loopMetrics: loopMetrics(metrics),
    alerts: { settings: alertSettings, queued: () => officerAlerts.kick() },
  });
  // Seals new register lines and status events into the tamper-evident ledger (nothing in the intake waits for it).
  const ledger = createLedgerLoop({ pool, logger, intervalMs: 10_000, loopMetrics: loopMetrics(metrics) });
  // Verifies the whole ledger hourly and keeps the verdict for the console's ledger page.
  const ledgerVerify = createLedgerVerifyLoop({
    pool,
    logger,
    intervalMs: 3_600_000,
    loopMetrics: loopMetrics(metrics),
  });
  let processor: ConversationProcessor | null = null;
  if (options.processConversations) {
    const channels = createChannels({ config, db, protection, logger, metrics });
    processor = createConversationProcessor(config, logger, {
      protection,
      channels,
      listen: true,
      metrics,
      onSubmitted: () => relay.kick(),
    });
  }
  const holidays = loadPublicHolidays(config.PUBLIC_HOLIDAYS_FILE);
  const settings = {
    rules: loadTriageRules(),
    deadlineRules: loadDeadlineRules(),
    calendar: createVietnamCalendar(holidays),
    defaultProvinceCode: config.DEFAULT_PROVINCE_CODE,
  };
  // Deadlines past the list's end wait, marked; this counts them once a longer list is deployed.
  const calendarWatch = createCalendarHorizonWatch({
    db,
    pool,
    logger,
    holidays,
    calendar: settings.calendar,
    deadlineRules: settings.deadlineRules,
  });
  registerCalendarGauges(metrics.registry, db, holidays);
  const triageBatcher = createTriageBatcher({
    pool,
    settings,
    maxBatch: config.TRIAGE_CONCURRENCY,
    waitMs: config.TRIAGE_BATCH_WAIT_MS,
  });
  const reconciler = createOutboxReconciler({
    db,
    queues,
    logger,
    intervalMs: config.RECONCILE_INTERVAL_SECONDS * 1000,
    graceSeconds: config.RECONCILE_GRACE_SECONDS,
    afterRound: () => calendarWatch.check(),
    loopMetrics: loopMetrics(metrics),
  });

  let worker: Worker | null = null;
  const server = Fastify({ loggerInstance: logger as FastifyBaseLogger });
  server.get('/healthz', async () => ({ status: worker?.isRunning() ? 'ok' : 'starting' }));
  // Open without a token only because WORKER_HOST is 127.0.0.1 unless set otherwise.
  registerMetricsRoute(server, {
    registry: metrics.registry,
    token: config.METRICS_TOKEN,
    withoutToken: 'open',
  });

  const handleTriageJob = async (job: { data: unknown }) => {
    const parsed = triageJob.payload.safeParse(job.data);
    // Bad data will be as bad on every retry: fail once, loudly, instead of looping.
    if (!parsed.success) throw new UnrecoverableError('triage job data is not {reportId, outboxId}');
    const started = performance.now();
    const result = await triageBatcher.triage(parsed.data.reportId);
    if (result.outcome === 'no_such_report') throw new UnrecoverableError('triage job names no report');
    metrics.triageJobs.inc({ result: result.outcome });
    metrics.triageJobDuration.observe((performance.now() - started) / 1000);
    if (result.outcome === 'triaged') {
      metrics.triageLag.observe(result.lagSeconds);
      receiptNotices.kick();
    }
    return result.outcome;
  };

  return {
    db,
    queues,
    relay,
    reconciler,
    metrics,
    processor,
    async start({ listen } = { listen: true }) {
      await redisReady(producer);
      await assertRedisNoEviction(producer);
      const seeded = await seedPoliceUnits(db);
      if (seeded > 0) logger.info({ seeded }, 'police units seeded');
      if (config.DEMO_MODE) {
        const made = await seedDemoOfficers(pool, protection.cipher);
        // Public demo values, printed so `docker compose up` shows how to log in.
        logger.info({ made }, demoConsoleLines(config.PUBLIC_URL ?? null).join('\n'));
      }
      // Not fatal: the reconciler's next round checks again.
      await calendarWatch.check().catch((error: unknown) => {
        logger.warn(
          { err: error instanceof Error ? error.message.slice(0, 200) : 'unknown' },
          'calendar check failed',
        );
      });
      worker = new Worker(triageJob.queue, handleTriageJob, {
        connection: consumer,
        prefix: config.QUEUE_PREFIX,
        concurrency: config.TRIAGE_CONCURRENCY,
        lockDuration: config.QUEUE_LOCK_DURATION_MS,
        stalledInterval: config.QUEUE_LOCK_DURATION_MS,
        // A stall (a killed or starved worker) is not bad data: triage is idempotent, so re-run a
        // stalled job several times before calling it failed (BullMQ's default fails it after one).
        maxStalledCount: 5,
        removeOnComplete: { count: 10_000 },
        removeOnFail: { count: 50_000 },
      });
      worker.on('error', (error) => logger.warn({ err: error.message.slice(0, 200) }, 'worker error'));
      worker.on('failed', (job, error) => {
        const final =
          error instanceof UnrecoverableError || (job && job.attemptsMade >= (job.opts.attempts ?? 1));
        metrics.triageJobs.inc({ result: final ? 'poisoned' : 'failed' });
        // An alert: ids only, never report content.
        const log = final ? logger.error.bind(logger) : logger.warn.bind(logger);
        log(
          { jobId: job?.id, attempts: job?.attemptsMade, reason: error.message.slice(0, 200) },
          'triage job failed',
        );
      });
      relay.start();
      reconciler.start();
      receiptNotices.start();
      officerAlerts.start();
      ledger.start();
      ledgerVerify.start();
      processor?.start();
      if (!listen) return null;
      if (!config.METRICS_TOKEN && !loopbackHosts.has(config.WORKER_HOST))
        logger.warn(
          { host: config.WORKER_HOST },
          'worker /metrics is open beyond this machine: set METRICS_TOKEN',
        );
      return server.listen({ host: config.WORKER_HOST, port: config.WORKER_PORT });
    },
    async stop() {
      await server.close();
      await processor?.stop();
      await relay.stop();
      await reconciler.stop();
      await receiptNotices.stop();
      await officerAlerts.stop();
      await ledger.stop();
      await ledgerVerify.stop();
      await worker?.close();
      await triageQueue.close();
      producer.disconnect();
      consumer.disconnect();
      await pool.end().catch(() => {});
      await db.$disconnect();
    },
  };
}
