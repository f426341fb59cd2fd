import type { Transaction } from '../database/create-database-client.ts';
import type { Channel } from '../engine/channel.ts';
import type { FieldCipher } from '../identity/field-cipher.ts';
import type { OutboundPayload } from './outbound-payload.ts';

export interface OutboundItem {
  payload: OutboundPayload;
  purpose: 'reply' | 'receipt' | 'callback_answer' | 'throttle_notice';
  /** Only receipts name their report: one receipt per report is a unique key. */
  reportId?: string;
}

/**
 * Writes messages for a reporter in the transaction that decided them. They are delivered in
 * insertion order after the commit, so a reply is never sent for work that was rolled back.
 */
export async function enqueueOutbound(
  tx: Transaction,
  cipher: FieldCipher,
  target: { channel: Channel; reporterId: string },
  items: OutboundItem[],
): Promise<void> {
  if (items.length === 0) return;
  await tx.outboundMessage.createMany({
    data: items.map((item) => ({
      channel: target.channel,
      reporterId: target.reporterId,
      purpose: item.purpose,
      reportId: item.reportId ?? null,
      payloadEnc: new Uint8Array(cipher.encrypt(JSON.stringify(item.payload))),
    })),
  });
}
