import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import {
  type Submission,
  type SubmittedReport,
  submitReport,
  submitReports,
} from '../register/submit-report.ts';

interface Waiting {
  submission: Submission;
  /** The submitting event's id: numbers follow the order the confirmations arrived in. */
  order: bigint;
  resolve: (report: SubmittedReport) => void;
  reject: (error: unknown) => void;
}

/**
 * Submissions of one transaction of turns, made together at its end. Taking a register number
 * locks the register's counter until commit, so the transaction asks for all its numbers at once,
 * after every other turn has run: other transactions wait a few statements, not a whole batch.
 * Reports are numbered in the order their confirmations arrived and stamped with the time of the
 * flush, so register numbers and submission times agree across transactions too. A submission
 * asked for after `flush` is made at once.
 */
export class DeferredSubmissions {
  private waiting: Waiting[] = [];
  private flushed = false;

  constructor(
    private readonly tx: PgClient,
    private readonly protection: IdentityProtection,
    private readonly clock: () => Date,
  ) {}

  submit(submission: Submission, order: bigint): Promise<SubmittedReport> {
    if (this.flushed) return submitReport(this.tx, this.protection, { ...submission, now: this.clock() });
    return new Promise((resolve, reject) => this.waiting.push({ submission, order, resolve, reject }));
  }

  get pending(): number {
    return this.waiting.length;
  }

  async flush(): Promise<void> {
    this.flushed = true;
    const waiting = this.waiting.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    this.waiting = [];
    const now = this.clock();
    try {
      const submitted = await submitReports(
        this.tx,
        this.protection,
        waiting.map((w) => ({ ...w.submission, now })),
      );
      for (const [i, w] of waiting.entries()) w.resolve(submitted[i] as SubmittedReport);
    } catch (error) {
      for (const w of waiting) w.reject(error);
      throw error;
    }
  }
}
