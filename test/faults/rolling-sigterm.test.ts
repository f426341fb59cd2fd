import { describe, expect, it } from 'vitest';
import { readIntakeReconciliation } from '../../src/supervision/reconciliation/read-intake-reconciliation.ts';
import { eventually } from '../support/eventually.ts';
import {
  createDeliveryLog,
  type DeliveryLog,
  deliverLikePlatform,
  PlatformChat,
  summariseDeliveries,
  undeliveredUpdates,
} from '../support/platform-chat.ts';
import { everyReportTriagedOnce, readTriageCounts } from '../support/read-triage-counts.ts';
import { seedSubmittedReports } from '../support/seed-submitted-reports.ts';
import { type RunningService, startServiceProcess } from '../support/service-process.ts';
import { newCitizen } from '../support/telegram-harness.ts';
import { useFaultStack } from '../support/use-fault-stack.ts';

/** Citizens chatting at the same time, each starting a new tip as soon as one is submitted. */
const citizens = 3;
/** Reports put in at once so the worker is busy with jobs when it gets its SIGTERM. */
const burst = 300;

const faults = useFaultStack({ queuePrefix: 'f3', telegram: true, dbConnections: 2 });

describe('a rolling deploy: every process gets SIGTERM under steady load (F3)', () => {
  it('answers no webhook with a non-2xx and loses no tip, receipt or triage job', async () => {
    const { stack, db, env, telegram: fake } = faults;
    const oldWorker = await startServiceProcess('worker', env);
    let web: RunningService = await startServiceProcess('web', env);
    const oldWeb = web;
    const log = createDeliveryLog();
    // The load balancer: Telegram always posts to the web process of the moment.
    const harness = stack.processHarness(() => web.webhookUrl);

    const chats: PlatformChat[] = [];
    let loadRunning = true;
    const load = Array.from({ length: citizens }, async () => {
      while (loadRunning) {
        const chat = new PlatformChat(harness, newCitizen(), log);
        chats.push(chat);
        await chat.submitCrimeTip();
      }
    });
    // A loop that fails must fail the test now, not after the deploy.
    const loadFailed = Promise.all(load).then(() => null);

    try {
      await waitFor(loadFailed, () => fake.sentMessages().length >= 10, 30_000);

      // The worker: a new one starts, the old one is told to stop while it runs triage jobs.
      const newWorker = await startServiceProcess('worker', env);
      const seeded = await seedSubmittedReports(env.DATABASE_URL ?? '', stack.protection, burst);
      await eventually(
        () => db.report.count({ where: { id: { in: seeded }, triagedAt: { not: null } } }),
        (n) => n > 0,
        30_000,
      );
      const activeAtStop = await stack.withTriageQueue((queue) => queue.getActiveCount());
      expect(await oldWorker.kill('SIGTERM')).toEqual({ code: 0, signal: null });

      // The web: a new one starts; the old one is told to stop while it still gets the traffic
      // (a load balancer notices only later), which moves to the new one once the old has gone.
      const newWeb = await startServiceProcess('web', env);
      expect(await oldWeb.kill('SIGTERM')).toEqual({ code: 0, signal: null });
      web = newWeb;

      // Steady load on the new processes for a while, then every citizen finishes their tip.
      const tipsAtSwitch = chats.length;
      await waitFor(loadFailed, () => chats.length >= tipsAtSwitch + citizens, 60_000);
      loadRunning = false;
      await loadFailed;

      const reports = burst + chats.length;
      await eventually(
        () => readTriageCounts(db),
        (counts) => counts.triaged === reports,
        60_000,
      );
      console.info(
        `F3: ${chats.length} tips chatted, ${describeDeliveries(log)}; ` +
          `${activeAtStop} jobs active at the worker's SIGTERM`,
      );

      expect(log.deliveries.length).toBeGreaterThanOrEqual(11 * chats.length);
      // Every update ended with a 2xx, however many attempts it took (a refused connection while
      // the old web stops is retried, as Telegram does); none was answered with a non-2xx.
      expect(undeliveredUpdates(log)).toEqual([]);
      expect(log.answers.filter((status) => status < 200 || status >= 300)).toEqual([]);
      for (const chat of chats) expect(chat.receipts()).toHaveLength(1);
      expect(await readTriageCounts(db)).toEqual(everyReportTriagedOnce(reports));
      expect(await stack.failedTriageJobs()).toBe(0);
      const books = await readIntakeReconciliation(db, { graceSeconds: 0 });
      expect(books.unaccounted).toEqual([]);
      expect(books.inboundByOutcome.pending ?? 0).toBe(0);
      expect(await newWorker.kill('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(await newWeb.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      // On a failure the loops end at their next delivery once afterAll has killed the processes.
      loadRunning = false;
      void loadFailed.catch(() => null);
    }
  }, 170_000);
});

describe('a web process told to stop while updates keep arriving (F3)', () => {
  it('answers every update it takes with a 2xx and stores each exactly once', async () => {
    const { db, env } = faults;
    const oldWeb = await startServiceProcess('web', env);
    const newWeb = await startServiceProcess('web', env);
    let target = oldWeb;
    const log = createDeliveryLog();
    const delivered: number[] = [];
    let running = true;
    // Many keep-alive connections busy at once: some have a request on the way when the close begins.
    const senders = Array.from({ length: 16 }, async () => {
      const citizen = newCitizen();
      for (let i = 0; running; i++) {
        // Membership changes: stored like any update, with no conversation work behind them.
        const update = citizen.myChatMember(i % 2 === 0 ? 'kicked' : 'member');
        const outcome = await deliverLikePlatform(
          () => target.webhookUrl,
          update,
          env.TELEGRAM_WEBHOOK_SECRET ?? '',
          log,
        );
        if (outcome.delivered) delivered.push(update.update_id);
      }
    });
    const sending = Promise.all(senders).then(() => null);
    try {
      await waitFor(sending, () => log.deliveries.length >= 200, 30_000);
      expect(await oldWeb.kill('SIGTERM')).toEqual({ code: 0, signal: null });
      target = newWeb;
      const deliveriesAtSwitch = log.deliveries.length;
      await waitFor(sending, () => log.deliveries.length >= deliveriesAtSwitch + 200, 30_000);
    } finally {
      running = false;
      await sending;
    }
    console.info(`F3 (web): ${describeDeliveries(log)}`);

    expect(undeliveredUpdates(log)).toEqual([]);
    expect(log.answers.filter((status) => status < 200 || status >= 300)).toEqual([]);
    const stored = await db.inboundEvent.count({ where: { platformKey: { in: delivered.map(String) } } });
    expect(stored).toBe(delivered.length);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(await newWeb.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 120_000);
});

/** The report line: updates delivered, attempts sent again and what the failed attempts got. */
function describeDeliveries(log: DeliveryLog): string {
  const { deliveries, retries, failedAttempts } = summariseDeliveries(log);
  const failures = Object.entries(failedAttempts).map(([result, count]) => `${count} × ${result}`);
  return `${deliveries} deliveries with ${retries} retried attempts (${failures.join(', ') || 'none failed'})`;
}

/** Polls `condition`, failing at once if `failed` rejects (a load loop threw). */
async function waitFor(failed: Promise<unknown>, condition: () => boolean, timeoutMs: number): Promise<void> {
  let error: unknown = null;
  failed.catch((e: unknown) => {
    error = e;
  });
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (error) throw error;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
