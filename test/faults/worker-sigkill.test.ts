import { describe, expect, it } from 'vitest';
import { readIntakeReconciliation } from '../../src/supervision/reconciliation/read-intake-reconciliation.ts';
import { eventually } from '../support/eventually.ts';
import { readRelayProgress } from '../support/read-relay-progress.ts';
import { everyReportTriagedOnce, readTriageCounts } from '../support/read-triage-counts.ts';
import { seedSubmittedReports } from '../support/seed-submitted-reports.ts';
import { startServiceProcess } from '../support/service-process.ts';
import { useFaultStack } from '../support/use-fault-stack.ts';

const lockMs = 2000;
const reports = 1000;

const faults = useFaultStack({
  queuePrefix: 'f1',
  dbConnections: 4,
  env: { QUEUE_LOCK_DURATION_MS: String(lockMs) },
});

describe('the worker killed (SIGKILL) with triage jobs in flight (F1)', () => {
  it('triages all 1,000 reports after a restart, each exactly once; the killed jobs within one lock period + 30 s', async () => {
    const { stack, db, env } = faults;
    await seedSubmittedReports(env.DATABASE_URL ?? '', stack.protection, reports);

    const doomed = await startServiceProcess('worker', env);
    // Kill once every job is in Redis and the worker is busy with them.
    await eventually(
      () => readRelayProgress(db),
      (n) => n.relayed === reports && n.triaged > 0,
      30_000,
    );
    expect((await doomed.kill('SIGKILL')).signal).toBe('SIGKILL');

    const atKill = await readTriageCounts(db);
    await stack.withTriageQueue(async (queue) => {
      // The dead worker still holds locks on its active jobs: they come back only as stalled jobs.
      const killedJobs = (await queue.getActive()).map((job) => String(job.data.reportId));
      const queued = Object.values(await queue.getJobCounts('waiting', 'prioritized', 'delayed'));
      expect(killedJobs.length).toBeGreaterThan(0);
      expect(atKill.triaged).toBeLessThan(reports);
      // Every untriaged report still has its job in Redis, held by the dead worker or queued.
      expect(killedJobs.length + queued.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
        reports - atKill.triaged,
      );

      const restarted = await startServiceProcess('worker', env);
      // Retried attempts are allowed (the job is idempotent); shown so a slow run can be read.
      let failedAttempts = 0;
      let firstFailure: string | undefined;
      restarted.onLine((line) => {
        if (!line.includes('"triage job failed"')) return;
        failedAttempts++;
        firstFailure ??= line;
      });
      // Measured from the moment the new worker runs: how long a process takes to boot is the
      // platform's business, re-running the dead worker's jobs is the worker's.
      const restartedAt = Date.now();
      await eventually(
        () => db.report.count({ where: { id: { in: killedJobs }, triagedAt: { not: null } } }),
        (triaged) => triaged === killedJobs.length,
        lockMs + 30_000,
      );
      const recoveredMs = Date.now() - restartedAt;
      await eventually(
        () => readTriageCounts(db),
        (counts) => counts.triaged === reports,
        120_000,
      );
      console.info(
        `F1: killed with ${atKill.triaged}/${reports} triaged and ${killedJobs.length} jobs active; ` +
          `those re-run ${recoveredMs} ms after the restart, all done after ${Date.now() - restartedAt} ms; ` +
          `${failedAttempts} failed attempts retried ${firstFailure ?? ''}`,
      );

      expect(await readTriageCounts(db)).toEqual(everyReportTriagedOnce(reports));
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
      const books = await readIntakeReconciliation(db, { graceSeconds: 0 });
      expect(books.unaccounted).toEqual([]);
      expect(await restarted.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    });
  }, 240_000);
});
