import type { Channel } from '../../platform/vocabulary/channel.ts';

/** Zalo OA answers a user only within 7 days of their last interaction (channels.md, error -230). */
const zaloOaWindowMs = 7 * 24 * 60 * 60 * 1000;

/**
 * Whether a message the reporter did not just ask for may be sent to them now: Zalo OA's window
 * closes 7 days after their last message; Telegram, the Zalo Bot and the web chat (whose page
 * fetches its own replies) have none.
 */
export function replyWindowOpen(channel: Channel, lastInteractionAt: Date, now: Date): boolean {
  if (channel === 'zalo_oa') return now.getTime() - lastInteractionAt.getTime() < zaloOaWindowMs;
  return true;
}
