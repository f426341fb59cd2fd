import { webChatUrl } from '../citizen/channels/web/web-chat-url.ts';
import { createApp } from './create-web-app.ts';
import { runService } from './run-service.ts';

/**
 * The web process: webhooks and pages, health and metrics. It commits what arrives and answers;
 * the worker process runs the conversations and delivers the replies.
 */
await runService('web', (config, logger) => {
  const app = createApp(config, logger, { processConversations: false });
  return {
    async start() {
      const address = await app.start();
      logger.info({ address }, 'Tin Báo is listening');
      const chat = webChatUrl(config, address);
      if (chat) logger.info({ url: chat }, `Web chat: open ${chat}`);
    },
    stop: () => app.stop(),
  };
});
