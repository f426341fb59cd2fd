import type { Effect, EffectResult } from '../../citizen/engine/effect.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import { appendFollowUp } from '../register/append-follow-up.ts';
import { findReportByCode, type LookupLimits } from '../register/find-report-by-code.ts';
import { readReportStatus } from '../register/read-report-status.ts';
import type { Submission, SubmittedReport } from '../register/submit-report.ts';

export interface EffectContext {
  tx: PgClient;
  protection: IdentityProtection;
  channel: Channel;
  reporterId: string;
  register: string;
  lookupLimits: LookupLimits;
  now: Date;
  /** Makes the report (at once, or with the transaction's other submissions at its end). */
  submit: (submission: Submission) => Promise<SubmittedReport>;
}

/** Runs one engine effect inside the turn's transaction and says what came of it. */
export async function executeEffect(effect: Effect, ctx: EffectContext): Promise<EffectResult> {
  const { tx, protection, now } = ctx;
  switch (effect.kind) {
    case 'submit_report': {
      const submitted = await ctx.submit({
        draft: effect.draft,
        language: effect.language,
        channel: ctx.channel,
        reporterId: ctx.reporterId,
        register: ctx.register,
        now,
      });
      return { kind: 'report_submitted', ...submitted };
    }
    case 'lookup_status':
    case 'find_report_for_follow_up': {
      const lookup = await findReportByCode(tx, protection, {
        reporterId: ctx.reporterId,
        canonicalCode: effect.canonicalCode,
        now,
        limits: ctx.lookupLimits,
      });
      if (lookup.kind === 'limited')
        return { kind: 'lookup_limited', retryAfterMinutes: lookup.retryAfterMinutes };
      if (lookup.kind === 'not_found') return { kind: 'report_not_found' };
      if (effect.kind === 'lookup_status') {
        return { kind: 'status_found', report: await readReportStatus(tx, lookup.report.id, now) };
      }
      return {
        kind: 'follow_up_report_found',
        reportId: lookup.report.id,
        registerNumber: lookup.report.registerNumber,
      };
    }
    case 'append_follow_up':
      await appendFollowUp(tx, {
        reportId: effect.reportId,
        channel: ctx.channel,
        now,
        ...(effect.text !== undefined ? { text: effect.text } : {}),
        ...(effect.attachment !== undefined ? { attachment: effect.attachment } : {}),
      });
      return { kind: 'follow_up_appended' };
  }
}
