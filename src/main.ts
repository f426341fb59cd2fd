import { createApp } from './app/create-app.ts';
import { webChatUrl } from './channels/web/web-chat-url.ts';
import { runService } from './process/run-service.ts';
import { createWorkerApp } from './worker/create-worker-app.ts';

/** Everything in one process (development, small deployments): web and worker side by side. */
await runService('all', (config, logger) => {
  // The app's turns kick the worker's relay; they run only after start(), when `worker` exists.
  const app = createApp(config, logger, {
    processConversations: true,
    onSubmitted: () => worker.relay.kick(),
  });
  const worker = createWorkerApp(config, logger, { metrics: app.metrics, processConversations: false });
  return {
    async start() {
      await worker.start({ listen: false });
      const address = await app.start();
      logger.info({ address }, 'Tin Báo is listening');
      const chat = webChatUrl(config, address);
      if (chat) logger.info({ url: chat }, `Web chat: open ${chat}`);
    },
    async stop() {
      await app.stop();
      await worker.stop();
    },
  };
});
