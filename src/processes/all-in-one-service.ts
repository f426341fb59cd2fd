import type { Logger } from 'pino';
import { webChatUrl } from '../citizen/channels/web/web-chat-url.ts';
import type { Config } from '../platform/config/load-config.ts';
import { createApp } from './create-web-app.ts';
import { createWorkerApp } from './create-worker-app.ts';
import type { Service } from './run-service.ts';

export interface AllInOneService extends Service {
  /** Where a person opens the web chat, known once `start()` has resolved; null when it is off. */
  webChat(): string | null;
}

/** Everything in one process (development, the demo, small deployments): web and worker side by side. */
export function allInOneService(config: Config, logger: Logger): AllInOneService {
  // The app's turns kick the worker's relay; they run only after start(), when `worker` exists.
  const app = createApp(config, logger, {
    processConversations: true,
    onSubmitted: () => worker.relay.kick(),
  });
  const worker = createWorkerApp(config, logger, { metrics: app.metrics, processConversations: false });
  let chat: string | null = null;
  return {
    async start() {
      await worker.start({ listen: false });
      const address = await app.start();
      logger.info({ address }, 'Tin Báo is listening');
      chat = webChatUrl(config, address);
      if (chat) logger.info({ url: chat }, `Web chat: open ${chat}`);
    },
    async stop() {
      await app.stop();
      await worker.stop();
    },
    webChat: () => chat,
  };
}
