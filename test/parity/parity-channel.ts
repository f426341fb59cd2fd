import type { Database } from '../../src/platform/database/create-database-client.ts';
import type { IdentityProtection } from '../../src/platform/identity/identity-protection.ts';

/** One message from the bot as a citizen sees it: its text and the options it offers. */
export interface ParityReply {
  text: string;
  /** Labels of the options (buttons, or the lines of a numbered list), in order. */
  options: string[];
}

/**
 * A citizen's side of one chat on one channel, the same verbs everywhere so one script runs over
 * every channel. Each verb resolves with the bot's replies to it, once they are delivered.
 */
export interface ParityChat {
  /** What the channel does first: Telegram `/start`, a first message on Zalo, opening the web chat. */
  start(): Promise<ParityReply[]>;
  /** Types a message. */
  say(text: string): Promise<ParityReply[]>;
  /** Picks the option whose label contains `label` on the latest reply, as the channel offers it. */
  choose(label: string): Promise<ParityReply[]>;
  /** Sends a location pin, on a channel that can (not the Zalo Bot). */
  shareLocation?(latitude: number, longitude: number): Promise<ParityReply[]>;
  /** Sends a photo with a caption, on a channel that takes files (not the web chat). */
  sendPhoto?(caption: string): Promise<ParityReply[]>;
  /**
   * What reached the chat unasked since the last verb (an officer's question), once every message
   * to it is delivered; nothing when nothing was sent.
   */
  received(): Promise<ParityReply[]>;
}

/** Who the citizen is on the platform, where it tells (Telegram's profile name and username). */
export interface ParityCitizen {
  name: string;
}

/** A channel with its fake platform and the app in-process, ready for chats. */
export interface ParityChannel {
  readonly name: string;
  /** The app's database, where the reports are read back. */
  readonly databaseUrl: string;
  /** The app's keys, to read back what it stores encrypted. */
  readonly protection: IdentityProtection;
  /** The app's database client (to seed what a test needs, such as the police units). */
  readonly db: Database;
  /** A new citizen's chat; `citizen` names them where the platform sends a name. */
  newChat(citizen?: ParityCitizen): Promise<ParityChat>;
  stop(): Promise<void>;
}

/** Every channel the parity suite runs over. A new channel adds its driver here. */
export type ParityChannelFactory = () => Promise<ParityChannel>;
