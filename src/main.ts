import { createApp } from './app/create-app.ts';
import { webChatUrl } from './channels/web/web-chat-url.ts';
import { runService } from './process/run-service.ts';
import { createWorkerApp } from './worker/create-worker-app.ts';

/** Everything in one process (development, small deployments): web and worker side by side. */
await runService('all', (config, logger) => {
  // The worker is made first so the app's turns can kick its relay (see AppOptions.onSubmitted).
  let worker: ReturnType<typeof createWorkerApp> | null = null;
  const app = createApp(config, logger, {
    processConversations: true,
    onSubmitted: () => worker?.relay.kick(),
  });
  worker = createWorkerApp(config, logger, { metrics: app.metrics, processConversations: false });
  const background = worker;
  return {
    async start() {
      await background.start({ listen: false });
      const address = await app.start();
      logger.info({ address }, 'Tin Báo is listening');
      const chat = webChatUrl(config, address);
      if (chat) logger.info({ url: chat }, `Web chat: open ${chat}`);
    },
    async stop() {
      await app.stop();
      await background.stop();
    },
  };
});
