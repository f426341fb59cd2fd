import pg from 'pg';
import type { Logger } from 'pino';
import { inboundNotificationChannel } from './record-inbound-event.ts';

export interface InboundListener {
  stop(): Promise<void>;
}

/**
 * Hears the commits of pending events (`NOTIFY tinbao_inbound` from the web process)
 * on a connection of its own, and reconnects when it is lost. Notifications sent while it was
 * disconnected are not replayed: `onReconnect` lets the caller sweep for them.
 */
export function listenForInboundEvents(options: {
  url: string;
  logger: Logger;
  onNotification: () => void;
  onReconnect: () => void;
}): InboundListener {
  // The connection of the latest attempt; events of older ones are ignored.
  let current: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (reconnecting: boolean) => {
    const next = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 3000 });
    current = next;
    next.on('notification', () => {
      options.onNotification();
    });
    next.on('error', () => scheduleReconnect(next));
    next.on('end', () => scheduleReconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${inboundNotificationChannel}`);
      if (stopped) {
        await next.end().catch(() => {});
        return;
      }
      if (reconnecting) options.onReconnect();
    } catch (error) {
      options.logger.warn(
        { err: error instanceof Error ? error.name : 'unknown' },
        'inbound listener not connected',
      );
      scheduleReconnect(next);
    }
  };

  const scheduleReconnect = (failed: pg.Client) => {
    if (stopped || retry || failed !== current) return;
    current = null;
    void failed.end().catch(() => {});
    retry = setTimeout(() => {
      retry = null;
      void connect(true);
    }, 1000);
    retry.unref();
  };

  void connect(false);
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await current?.end().catch(() => {});
      current = null;
    },
  };
}
