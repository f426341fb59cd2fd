import { createApp } from './app/create-app.ts';
import { runService } from './process/run-service.ts';

/** The web process: webhooks, the conversation intake, outbound delivery, health and metrics. */
await runService('web', (config, logger) => {
  const app = createApp(config, logger);
  return {
    async start() {
      const address = await app.start();
      logger.info({ address }, 'Tin Báo is listening');
    },
    stop: () => app.stop(),
  };
});
