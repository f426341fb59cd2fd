import type { Logger } from 'pino';
import type { ChannelAdapter } from '../../citizen/channels/channel-adapter.ts';
import type { ConversationEngine } from '../../citizen/engine/conversation-engine.ts';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import type { LookupLimits } from '../register/find-report-by-code.ts';

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
