/**
 * Events in which a citizen says something to the OA: they name the chat (`sender.id`) and get a
 * conversation turn. Every other event (follow, unfollow, seen, the OA's own `oa_send_*` echoes…) is
 * recorded and accounted for as "other", without a reporter.
 */
export const conversationEvents: ReadonlySet<string> = new Set([
  'user_send_text',
  'user_send_image',
  'user_send_file',
  'user_send_audio',
  'user_send_video',
  'user_send_sticker',
  'user_send_gif',
  'user_send_link',
  'user_send_location',
  'user_send_business_card',
  'user_submit_info',
]);

/** Zalo user ids are decimal strings longer than 2^53: kept as text, never converted to numbers. */
export const zaloIdPattern = /^\d{1,32}$/;
