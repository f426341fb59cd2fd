import type { IdentityHasher } from '../../../platform/identity/identity-hasher.ts';
import type { ChannelAdapter } from '../channel-adapter.ts';
import { parseZaloBotUpdate } from './parse-zalo-bot-update.ts';
import { createZaloBotKeyReader } from './read-zalo-bot-update-key.ts';

/**
 * Zalo Bot Platform as the intake sees it: text and photos only. No buttons (choices arrive as
 * typed numbers), no location pin, no contact sharing; flows ask for a typed place and phone.
 */
export function createZaloBotAdapter(hasher: IdentityHasher): ChannelAdapter {
  return {
    channel: 'zalo_bot',
    capabilities: { buttons: false, locationRequest: false, contactRequest: false, attachments: true },
    readKey: createZaloBotKeyReader(hasher),
    parse: parseZaloBotUpdate,
  };
}
