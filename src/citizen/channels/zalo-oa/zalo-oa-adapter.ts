import type { ChannelAdapter } from '../channel-adapter.ts';
import { parseZaloEvent } from './parse-zalo-event.ts';
import { readZaloEventKey } from './read-zalo-event-key.ts';

/**
 * Zalo OA as the intake sees it. Buttons (`oa.query.hide`), a location shared through Zalo's own
 * location feature, and files; the phone card only when its picture is configured (Zalo requires
 * one), otherwise citizens type their number.
 */
export function createZaloOaAdapter(options: {
  contactCard: boolean;
  /** The keyed hash of a user id, for dedupe keys of events without a `msg_id`. */
  hashUser: (userId: string) => string;
}): ChannelAdapter {
  return {
    channel: 'zalo_oa',
    capabilities: {
      buttons: true,
      locationRequest: true,
      contactRequest: options.contactCard,
      attachments: true,
    },
    readKey: (body) => readZaloEventKey(body, options.hashUser),
    parse: parseZaloEvent,
  };
}
