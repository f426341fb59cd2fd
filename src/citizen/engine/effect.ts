import type { Language } from '../../platform/vocabulary/language.ts';
import type { Draft } from './conversation-state.ts';
import type { InboundAttachment } from './inbound-message.ts';
import type { ReporterNoticeView } from './reporter-notice-view.ts';

/**
 * Work the engine asks the intake to do inside the same database transaction. Effects that answer
 * (look-ups, submission) feed an `EffectResult` back into the engine for the next reply.
 */
export type Effect =
  | { kind: 'submit_report'; draft: Draft; language: Language }
  | { kind: 'lookup_status'; canonicalCode: string }
  | { kind: 'find_report_for_follow_up'; canonicalCode: string }
  | { kind: 'append_follow_up'; reportId: string; text?: string; attachment?: InboundAttachment };

export type ReportStatusView = {
  reportId: string;
  registerNumber: string;
  status: string;
  submittedAt: Date;
  decisionDueAt: Date | null;
  /** The latest question an officer asked the reporter and that is still unanswered. */
  openQuestion: string | null;
  /** Notices to the reporter that their chat's reply window kept from being sent: shown now. */
  notices?: readonly ReporterNoticeView[] | undefined;
};

export type EffectResult =
  | { kind: 'report_submitted'; reportId: string; receiptCode: string; registerNumber: string }
  | { kind: 'status_found'; report: ReportStatusView }
  | { kind: 'follow_up_report_found'; reportId: string; registerNumber: string }
  | { kind: 'report_not_found' }
  | { kind: 'lookup_limited'; retryAfterMinutes: number }
  | { kind: 'follow_up_appended' }
  | { kind: 'done' };
