import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../platform/config/load-config.ts';
import type { Database } from '../../platform/database/create-database-client.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import type { Metrics } from '../../platform/observability/create-metrics.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { ChannelAdapter } from './channel-adapter.ts';
import type { ChannelSender } from './channel-sender.ts';
import type { RateLimits } from './rate-limiter.ts';
import type { WebhookIntake } from './webhook-intake.ts';

/** What a channel may use to build itself. */
export interface ChannelRuntime {
  config: Config;
  db: Database;
  protection: IdentityProtection;
  logger: Logger;
  /** The process's metrics: a channel may register its own (`metrics.registry`). */
  metrics: Metrics;
}

/**
 * One chat platform, whole: how its payloads are read (adapter), how replies reach it (sender),
 * which HTTP routes it answers (webhooks, pages) and what it runs in the background (polling,
 * webhook registration). Adding a channel means writing one of these and listing its factory in
 * `enabled-channels.ts`; the intake, the engine and the dispatcher stay as they are.
 */
export interface ChannelModule {
  readonly channel: Channel;
  readonly adapter: ChannelAdapter;
  /**
   * Pushes stored replies to the platform. Null when the client fetches its replies itself (the
   * web chat): the dispatcher then leaves the channel's outbound messages alone.
   */
  readonly sender: ChannelSender | null;
  /** The platform's send limits, kept by the dispatcher's rate limiter. */
  readonly limits: RateLimits | null;
  /** Web role: webhook routes and pages. Records inbound payloads through `intake`. */
  registerRoutes?(server: FastifyInstance, intake: WebhookIntake): void;
  /** Web role, after the server listens: webhook registration, polling. */
  start?(intake: WebhookIntake): Promise<void>;
  /** Stops what `start` started; called before the server closes. */
  stop?(): Promise<void>;
}

/** Builds a channel from configuration; null when the channel is not configured. */
export type ChannelFactory = (runtime: ChannelRuntime) => ChannelModule | null;
