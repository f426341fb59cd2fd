import { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ChannelAdapter } from '../channels/channel-adapter.ts';
import type { ChannelModule } from '../channels/channel-module.ts';
import { createChannels } from '../channels/enabled-channels.ts';
import type { Config } from '../config/load-config.ts';
import { createDatabaseClient, type Database } from '../database/create-database-client.ts';
import type { Channel } from '../engine/channel.ts';
import { createConversationEngine } from '../engine/conversation-engine.ts';
import { buildStepRegistry } from '../flows/step-registry.ts';
import { checkReadiness, expectedMigrations } from '../http/check-readiness.ts';
import { registerQueueDashboard } from '../http/register-queue-dashboard.ts';
import type { WebhookIntake } from '../http/register-webhook-route.ts';
import { createIdentityProtection, type IdentityProtection } from '../identity/identity-protection.ts';
import { createIntakePump, type IntakePump } from '../intake/intake-pump.ts';
import { processChatEvent } from '../intake/process-chat-event.ts';
import { recordInboundEvent } from '../intake/record-inbound-event.ts';
import { createMetrics, type Metrics } from '../observability/create-metrics.ts';
import { registerIntakeGauges } from '../observability/register-intake-gauges.ts';
import type { ChannelSender } from '../outbound/channel-sender.ts';
import { createOutboundDispatcher, type OutboundDispatcher } from '../outbound/outbound-dispatcher.ts';
import type { RateLimits } from '../outbound/rate-limiter.ts';
import { createRedisConnection } from '../queues/create-redis-connection.ts';
import { queueNames } from '../queues/queue-names.ts';

export interface App {
  server: FastifyInstance;
  metrics: Metrics;
  db: Database;
  protection: IdentityProtection;
  pump: IntakePump;
  dispatcher: OutboundDispatcher;
  /** Listens, starts background work, registers the webhook or starts polling. */
  start(): Promise<string>;
  /** Graceful: stop taking requests, finish the chats in progress, close connections. */
  stop(): Promise<void>;
}

/** Wires the whole system from configuration. Tests build it in-process with a fake Telegram. */
export function createApp(config: Config, logger: Logger): App {
  const db = createDatabaseClient(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  const redis = createRedisConnection(config.REDIS_URL, 'producer');
  const protection = createIdentityProtection({
    encryptionKey: config.IDENTITY_ENCRYPTION_KEY,
    hashKey: config.IDENTITY_HASH_KEY,
  });
  const engine = createConversationEngine(buildStepRegistry());

  const metrics = createMetrics();
  const channels: ChannelModule[] = createChannels({ config, db, protection, logger, metrics });
  const adapters = new Map<Channel, ChannelAdapter>();
  const senders = new Map<Channel, ChannelSender>();
  const limits = new Map<Channel, RateLimits>();
  for (const channel of channels) {
    adapters.set(channel.channel, channel.adapter);
    if (channel.sender) senders.set(channel.channel, channel.sender);
    if (channel.limits) limits.set(channel.channel, channel.limits);
  }

  const dispatcher = createOutboundDispatcher({
    db,
    cipher: protection.cipher,
    logger,
    senders,
    limits,
    leaseSeconds: 30,
    pollIntervalMs: 500,
    maxAttempts: 60,
  });
  const pump = createIntakePump({
    db,
    logger,
    processOne: (chatKey) =>
      processChatEvent(
        {
          db,
          protection,
          adapters,
          engine,
          logger,
          clock: () => new Date(),
          settings: {
            register: config.REGISTER_NAME,
            conversationTimeoutMinutes: config.CONVERSATION_TIMEOUT_MINUTES,
            throttleMessagesPerMinute: config.THROTTLE_MESSAGES_PER_MINUTE,
            lookupLimits: {
              maxFailures: config.STATUS_LOOKUP_MAX_FAILURES,
              windowMinutes: config.STATUS_LOOKUP_WINDOW_MINUTES,
            },
          },
        },
        chatKey,
      ),
    onProcessed: () => dispatcher.kick(),
    concurrency: Math.max(1, config.DATABASE_POOL_SIZE - 2),
    sweepIntervalMs: 2000,
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
  });
  server.get('/healthz', async () => ({ status: 'ok' }));
  server.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  const migrations = expectedMigrations();
  server.get('/readyz', async (_request, reply) => {
    const readiness = await checkReadiness(db, redis, migrations);
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });

  const intake: WebhookIntake = {
    logger,
    record: (adapter, raw) => recordInboundEvent(db, protection, adapter, raw),
    recorded: (result) => {
      if (config.NODE_ENV === 'test' && result.platformKey === config.FAULT_KILL_AFTER_COMMIT_UPDATE_ID) {
        // Fault injection for the crash test: die after the commit, before the platform's 200.
        process.kill(process.pid, 'SIGKILL');
      }
      if (result.kind === 'recorded' && result.chatKey) pump.schedule(result.chatKey);
    },
  };
  for (const channel of channels) channel.registerRoutes?.(server, intake);
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
    pump,
    dispatcher,
    async start() {
      const address = await server.listen({ host: config.HOST, port: config.PORT });
      pump.start();
      dispatcher.start();
      for (const channel of channels) await channel.start?.(intake);
      return address;
    },
    async stop() {
      for (const channel of channels) await channel.stop?.();
      await server.close();
      await pump.stop();
      await dispatcher.stop();
      await triageQueue.close().catch(() => {});
      redis.disconnect();
      await db.$disconnect();
    },
  };
}
