import { describe, expect, it } from 'vitest';
import { readIntakeReconciliation } from '../../src/supervision/reconciliation/read-intake-reconciliation.ts';
import { eventually } from '../support/eventually.ts';
import { readRelayProgress } from '../support/read-relay-progress.ts';
import { everyReportTriagedOnce, readTriageCounts } from '../support/read-triage-counts.ts';
import { seedSubmittedReports } from '../support/seed-submitted-reports.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { useFaultStack } from '../support/use-fault-stack.ts';

const beforeWipe = 400;
const afterWipe = 100;

const faults = useFaultStack({ queuePrefix: 'f5', dbConnections: 4 });

describe('Redis wiped (FLUSHALL) while triage runs (F5)', () => {
  it('the reconciler re-enqueues every unfinished report: all triaged once, nothing unaccounted', async () => {
    const { stack, db, env, redis } = faults;
    await seedSubmittedReports(env.DATABASE_URL ?? '', stack.protection, beforeWipe);
    // Triage in batches of at most 4 (a quarter of the wiped jobs were done at the wipe in a run
    // here), so that most jobs are still queued when Redis is wiped: at its defaults (64 a batch)
    // triage finished all 400 before the test could wipe anything.
    const worker = await startServiceProcess('worker', { ...env, TRIAGE_CONCURRENCY: '4' });
    let requeued = 0;
    worker.onLine((line) => {
      const entry = readJson(line);
      if (entry?.msg === 'reconciler found unfinished work') requeued += Number(entry.requeued ?? 0);
    });

    await eventually(
      () => readRelayProgress(db),
      (n) => n.relayed === beforeWipe && n.triaged > 0,
      30_000,
    );
    // Before the wipe the reconciler finds every job in Redis and adds none.
    expect(requeued).toBe(0);
    expect(await redis.command('FLUSHALL')).toBe('OK');
    const wipedAt = Date.now();
    const atWipe = await readTriageCounts(db);
    // Most jobs were still queued: only the reconciler can bring them back (the relay is done).
    expect(atWipe.triaged).toBeLessThan(beforeWipe);

    // Intake goes on after the wipe: new reports are relayed into the emptied Redis.
    await seedSubmittedReports(env.DATABASE_URL ?? '', stack.protection, afterWipe);
    const total = beforeWipe + afterWipe;
    await eventually(
      () => readTriageCounts(db),
      (counts) => counts.triaged === total,
      90_000,
    );
    console.info(
      `F5: wiped with ${atWipe.triaged}/${beforeWipe} triaged; reconciler re-enqueued ${requeued}; ` +
        `all ${total} triaged ${Date.now() - wipedAt} ms after the wipe`,
    );

    expect(requeued).toBeGreaterThan(0);
    // Only the wiped reports' jobs (a round under way at the wipe may include a few that finished).
    expect(requeued).toBeLessThanOrEqual(beforeWipe);
    expect(await readTriageCounts(db)).toEqual(everyReportTriagedOnce(total));
    expect(await stack.failedTriageJobs()).toBe(0);
    const books = await readIntakeReconciliation(db, { graceSeconds: 0 });
    expect(books.unaccounted).toEqual([]);
    expect(await worker.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 150_000);
});

function readJson(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}
