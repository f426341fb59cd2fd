import type { InboundMessage } from '../engine/inbound-message.ts';

/**
 * One platform payload after a channel adapter has read it. `message` is null when the payload
 * carries nothing for the conversation (a member update, an unknown update type): the event is
 * then recorded with the outcome `other`.
 */
export interface ParsedInbound {
  /** The platform chat / user id to answer to. Confidential: never logged, stored encrypted. */
  chatId: string;
  message: InboundMessage | null;
  /**
   * Further messages the same platform event carried, handled in order after `message` in the
   * same turn: the other images of one Zalo message, for instance.
   */
  alsoMessages?: InboundMessage[];
  /** The platform's language hint (Telegram `language_code`), used before the citizen chooses. */
  languageHint?: string;
}
