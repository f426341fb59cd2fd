import { createWorkerApp } from './create-worker-app.ts';
import { runService } from './run-service.ts';

/** The worker process: conversation turns, reply delivery, outbox relay, triage and the reconciler. */
await runService('worker', (config, logger) => {
  const worker = createWorkerApp(config, logger, { processConversations: true });
  return {
    async start() {
      const address = await worker.start();
      logger.info({ address }, 'Tin Báo worker is running');
    },
    stop: () => worker.stop(),
  };
});
