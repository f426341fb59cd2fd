import type { ChannelFactory } from '../channel-module.ts';
import { registerWebChatApi } from './register-web-chat-api.ts';
import { registerWebChatPage } from './register-web-chat-page.ts';
import { webChatAdapter } from './web-chat-adapter.ts';
import { createWebChatSessionTokens } from './web-chat-session-token.ts';

/**
 * The web chat, on unless `WEB_CHAT_ENABLED=false`: a page at `/chat`, an embeddable snippet at
 * `/chat/embed.js` and a JSON API under `/chat/api`. It needs no platform account, so it is also
 * the demo channel. No sender: the page fetches its replies itself, and the dispatcher leaves the
 * channel's outbound messages to the API.
 */
export const webChatChannel: ChannelFactory = ({ config, db, protection, logger }) => {
  if (!config.WEB_CHAT_ENABLED) return null;
  const stopping = new AbortController();
  return {
    channel: 'web',
    adapter: webChatAdapter,
    sender: null,
    limits: null,
    registerRoutes(server, intake) {
      registerWebChatPage(server, { embedOrigins: config.WEB_CHAT_EMBED_ORIGINS, demo: config.DEMO_MODE });
      registerWebChatApi(server, intake, {
        db,
        protection,
        tokens: createWebChatSessionTokens(config.IDENTITY_HASH_KEY),
        logger,
        stopping: stopping.signal,
        limits: {
          sessionMessagesPerMinute: config.WEB_CHAT_SESSION_MESSAGES_PER_MINUTE,
          addressMessagesPerMinute: config.WEB_CHAT_ADDRESS_MESSAGES_PER_MINUTE,
          addressSessionsPerHour: config.WEB_CHAT_ADDRESS_SESSIONS_PER_HOUR,
        },
      });
    },
    async stop() {
      // Waiting reply requests answer now, so the server can close without waiting out their poll.
      stopping.abort();
    },
  };
};
