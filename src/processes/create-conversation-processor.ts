import type { Logger } from 'pino';
import type { ChannelAdapter } from '../citizen/channels/channel-adapter.ts';
import type { ChannelModule } from '../citizen/channels/channel-module.ts';
import type { ChannelSender } from '../citizen/channels/channel-sender.ts';
import type { RateLimits } from '../citizen/channels/rate-limiter.ts';
import { createConversationEngine } from '../citizen/engine/conversation-engine.ts';
import { buildStepRegistry } from '../citizen/flows/step-registry.ts';
import { type InboundListener, listenForInboundEvents } from '../intake/inbox/listen-for-inbound-events.ts';
import { createOutboundDispatcher, type OutboundDispatcher } from '../intake/outbound/outbound-dispatcher.ts';
import type { IntakeDependencies } from '../intake/turns/intake-dependencies.ts';
import { createIntakePump, type IntakePump } from '../intake/turns/intake-pump.ts';
import { eventsPerChatInBatch, processTurnBatch } from '../intake/turns/process-turn-batch.ts';
import type { Config } from '../platform/config/load-config.ts';
import { createPgPool } from '../platform/database/create-pg-pool.ts';
import type { IdentityProtection } from '../platform/identity/identity-protection.ts';
import { loopMetrics, type Metrics } from '../platform/observability/create-metrics.ts';
import type { Channel } from '../platform/vocabulary/channel.ts';

export interface ConversationProcessor {
  pump: IntakePump;
  dispatcher: OutboundDispatcher;
  start(): void;
  /** Finishes the chats in progress and the sends under way, then closes its connections. */
  stop(): Promise<void>;
}

/**
 * Turns committed inbound events into conversation turns and delivers the replies. It runs in
 * the web process when everything is in one process, and in the worker when they are apart; then
 * `listen` makes it hear the web process's commits (the sweep finds anything it missed).
 */
export function createConversationProcessor(
  config: Config,
  logger: Logger,
  deps: {
    protection: IdentityProtection;
    channels: readonly ChannelModule[];
    listen: boolean;
    metrics: Metrics;
    /** Reports were submitted (their outbox rows committed): relay them now. */
    onSubmitted?: (() => void) | undefined;
  },
): ConversationProcessor {
  // One connection per transaction of turns, and two for delivery and quarantining.
  const pool = createPgPool(config.DATABASE_URL, config.CONVERSATION_CONCURRENCY + 2);
  const engine = createConversationEngine(buildStepRegistry());
  const adapters = new Map<Channel, ChannelAdapter>();
  const senders = new Map<Channel, ChannelSender>();
  const limits = new Map<Channel, RateLimits>();
  for (const channel of deps.channels) {
    adapters.set(channel.channel, channel.adapter);
    if (channel.sender) senders.set(channel.channel, channel.sender);
    if (channel.limits) limits.set(channel.channel, channel.limits);
  }

  const dispatcher = createOutboundDispatcher({
    pool,
    cipher: deps.protection.cipher,
    logger,
    senders,
    limits,
    loopMetrics: loopMetrics(deps.metrics),
    leaseSeconds: 30,
    pollIntervalMs: 500,
    maxAttempts: 60,
  });
  const settings = {
    register: config.REGISTER_NAME,
    conversationTimeoutMinutes: config.CONVERSATION_TIMEOUT_MINUTES,
    throttleMessagesPerMinute: config.THROTTLE_MESSAGES_PER_MINUTE,
    lookupLimits: {
      maxFailures: config.STATUS_LOOKUP_MAX_FAILURES,
      windowMinutes: config.STATUS_LOOKUP_WINDOW_MINUTES,
    },
  };
  const intake: IntakeDependencies = {
    pool,
    protection: deps.protection,
    adapters,
    engine,
    logger,
    clock: () => new Date(),
    settings,
  };
  const pump = createIntakePump({
    pool,
    logger,
    processBatch: () =>
      processTurnBatch(intake, {
        kind: 'oldest',
        chats: config.CONVERSATION_BATCH_CHATS,
        eventsPerChat: eventsPerChatInBatch,
      }),
    processChat: (chatKey) => processTurnBatch(intake, { kind: 'chat', chatKey }),
    onProcessed: ({ submitted }) => {
      dispatcher.kick();
      if (submitted > 0) deps.onSubmitted?.();
    },
    concurrency: config.CONVERSATION_CONCURRENCY,
    eventsPerChat: eventsPerChatInBatch,
    sweepIntervalMs: 2000,
    loopMetrics: loopMetrics(deps.metrics),
  });

  let listener: InboundListener | null = null;
  return {
    pump,
    dispatcher,
    start() {
      pump.start();
      dispatcher.start();
      if (deps.listen) {
        listener = listenForInboundEvents({
          url: config.DATABASE_URL,
          logger,
          onNotification: () => pump.kick(),
          onReconnect: () => pump.kick(),
        });
      }
    },
    async stop() {
      await listener?.stop();
      await pump.stop();
      await dispatcher.stop();
      await pool.end().catch(() => {});
    },
  };
}
