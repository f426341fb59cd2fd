import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForInboundEvents } from '../../../src/intake/inbox/listen-for-inbound-events.ts';
import { inboundNotificationChannel } from '../../../src/intake/inbox/record-inbound-event.ts';
import { createLogger } from '../../../src/platform/observability/create-logger.ts';
import { eventually } from '../../support/eventually.ts';
import { createPrivateDatabase, type PrivateDatabase } from '../../support/private-database.ts';

let database: PrivateDatabase;
let admin: pg.Client;
beforeAll(async () => {
  database = await createPrivateDatabase();
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await database?.drop();
});

const notify = () => admin.query('SELECT pg_notify($1, $2)', [inboundNotificationChannel, '']);

describe('the worker hearing committed events', () => {
  it('hears each NOTIFY, reconnects after its connection is killed, and asks for a sweep then', async () => {
    let heard = 0;
    let reconnects = 0;
    const listener = listenForInboundEvents({
      url: database.url,
      logger: createLogger('silent'),
      onNotification: () => heard++,
      onReconnect: () => reconnects++,
    });
    try {
      await eventually(
        async () => {
          await notify();
          return heard;
        },
        (count) => count > 0,
      );
      const listening = async () =>
        (
          await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
          )
        ).rows;
      const [before] = await listening();
      expect(before).toBeDefined();
      await admin.query('SELECT pg_terminate_backend($1)', [before?.pid]);

      // Only a new connection hears notifications sent after the kill.
      const heardBefore = heard;
      await eventually(
        async () => {
          await notify();
          return heard;
        },
        (count) => count > heardBefore,
      );
      expect(reconnects).toBe(1);
      // One listening connection, not one per reconnect attempt.
      expect(await listening()).toHaveLength(1);
      expect((await listening())[0]?.pid).not.toBe(before?.pid);
    } finally {
      await listener.stop();
    }
  });
});
