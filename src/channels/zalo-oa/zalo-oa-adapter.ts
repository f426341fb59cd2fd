import type { ChannelAdapter } from '../channel-adapter.ts';
import { parseZaloEvent } from './parse-zalo-event.ts';
import { readZaloEventKey } from './read-zalo-event-key.ts';

/**
 * Zalo OA as the intake sees it. Buttons (`oa.query.hide`), a location shared through Zalo's own
 * location feature, and files; the phone card only when its picture is configured (Zalo requires
 * one), otherwise citizens type their number.
 */
export function createZaloOaAdapter(options: { contactCard: boolean }): ChannelAdapter {
  return {
    channel: 'zalo_oa',
    capabilities: {
      buttons: true,
      locationRequest: true,
      contactRequest: options.contactCard,
      attachments: true,
    },
    readKey: readZaloEventKey,
    parse: parseZaloEvent,
  };
}
