import type { ConversationState } from '../../citizen/engine/conversation-state.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';

/** How the intake counts an inbound event once it is handled. */
export type Outcome =
  | 'report_step'
  | 'report_submitted'
  | 'status_query'
  | 'follow_up'
  | 'other'
  | 'throttled'
  | 'quarantined';

/** A pending event as a transaction of turns reads it, with its chat's reporter and conversation. */
export interface PendingEventRow {
  id: string;
  channel: Channel;
  chat_key: string;
  payload_enc: Buffer;
  /** The chat's flood window as stored (`chat_flood`), null before its first counted message. */
  flood_start: Date | null;
  flood_count: number | null;
  flood_previous: number | null;
  /**
   * When the platform handed it over: the citizen's last interaction, for reply windows (a chat's
   * events are processed in order, so it only moves forward).
   */
  received_at: Date;
  /** The chat's reporter and conversation, when it has written before (chat key = identity hash). */
  reporter_id: string | null;
  language: string | null;
  language_chosen: boolean | null;
  last_interaction_at: Date | null;
  state_enc: Buffer | null;
  expires_at: Date | null;
}

/** A chat's reporter and conversation as the batch's turns leave them (written once, at the end). */
export interface ChatState {
  reporterId: string;
  channel: Channel;
  language: string;
  languageChosen: boolean;
  /** The stored state: encrypted as read, or the object a turn of this batch left. */
  stored: { encrypted: Buffer | null } | { state: ConversationState };
  expiresAt: Date | null;
  lastInteractionAt: Date;
  /** The reporter row as read, so that it is written only when it must change. */
  storedReporter: { language: string; languageChosen: boolean; lastInteractionAt: Date };
  /** A full turn ran: the conversation row is written, and the reporter row if it changed. */
  changed: boolean;
  /** A throttle notice went out within the minute (sent by this batch or found sent before). */
  throttleNoticeSent: boolean;
}
