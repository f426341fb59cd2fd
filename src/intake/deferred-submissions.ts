import type { PgClient } from '../database/create-pg-pool.ts';
import type { IdentityProtection } from '../identity/identity-protection.ts';
import { type Submission, type SubmittedReport, submitReports } from './submit-report.ts';

/**
 * Submissions of one transaction of turns, made together at its end. Taking a register number
 * locks the register's counter until commit, so the transaction asks for all its numbers at once,
 * after every other turn has run: other transactions wait a few statements, not a whole batch.
 * A submission asked for after `flush` is made at once.
 */
export class DeferredSubmissions {
  private waiting: {
    submission: Submission;
    resolve: (r: SubmittedReport) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private flushed = false;

  constructor(
    private readonly tx: PgClient,
    private readonly protection: IdentityProtection,
  ) {}

  submit(submission: Submission): Promise<SubmittedReport> {
    if (this.flushed)
      return submitReports(this.tx, this.protection, [submission]).then(([r]) => r as SubmittedReport);
    return new Promise((resolve, reject) => this.waiting.push({ submission, resolve, reject }));
  }

  get pending(): number {
    return this.waiting.length;
  }

  async flush(): Promise<void> {
    this.flushed = true;
    const waiting = this.waiting;
    this.waiting = [];
    try {
      const submitted = await submitReports(
        this.tx,
        this.protection,
        waiting.map((w) => w.submission),
      );
      for (const [i, w] of waiting.entries()) w.resolve(submitted[i] as SubmittedReport);
    } catch (error) {
      for (const w of waiting) w.reject(error);
      throw error;
    }
  }
}
