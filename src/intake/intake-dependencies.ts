import type { Logger } from 'pino';
import type { ChannelAdapter } from '../channels/channel-adapter.ts';
import type { PgPool } from '../database/create-pg-pool.ts';
import type { Channel } from '../engine/channel.ts';
import type { ConversationEngine } from '../engine/conversation-engine.ts';
import type { IdentityProtection } from '../identity/identity-protection.ts';
import type { LookupLimits } from './find-report-by-code.ts';

export interface IntakeSettings {
  register: string;
  conversationTimeoutMinutes: number;
  throttleMessagesPerMinute: number;
  lookupLimits: LookupLimits;
}

/** What conversation turns need: the database, the keys, the channels' readers and the engine. */
export interface IntakeDependencies {
  pool: PgPool;
  protection: IdentityProtection;
  adapters: ReadonlyMap<Channel, ChannelAdapter>;
  engine: ConversationEngine;
  settings: IntakeSettings;
  logger: Logger;
  clock: () => Date;
}
