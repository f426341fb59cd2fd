import type { OutboundPayload } from '../../citizen/channels/outbound-payload.ts';

/**
 * A message (or callback answer) for a reporter, written in the transaction that decided it and
 * delivered in order after the commit, so a reply is never sent for work that was rolled back.
 */
export interface OutboundItem {
  payload: OutboundPayload;
  purpose: 'reply' | 'receipt' | 'callback_answer' | 'throttle_notice';
  /** Only receipts name their report: one receipt per report is a unique key. */
  reportId?: string;
}
