import type { PgClient } from '../database/create-pg-pool.ts';
import type { Channel } from '../engine/channel.ts';
import type { FieldCipher } from '../identity/field-cipher.ts';
import type { OutboundPayload } from './outbound-payload.ts';

export interface OutboundItem {
  payload: OutboundPayload;
  purpose: 'reply' | 'receipt' | 'callback_answer' | 'throttle_notice';
  /** Only receipts name their report: one receipt per report is a unique key. */
  reportId?: string;
}

/** The columns of outbound items, as arrays for `unnest` (see `insertOutboundSql`). */
export function outboundColumns(cipher: FieldCipher, items: OutboundItem[]) {
  return {
    purposes: items.map((item) => item.purpose),
    reportIds: items.map((item) => item.reportId ?? null),
    payloads: items.map((item) => cipher.encrypt(JSON.stringify(item.payload))),
  };
}

/**
 * An INSERT of outbound messages for one reporter, in the given order, from parameters
 * `$<channel>`, `$<reporter>` and three arrays (purposes, report ids, encrypted payloads).
 */
export function insertOutboundSql(channel: number, reporter: number, arrays: number): string {
  return `INSERT INTO outbound_message (channel, reporter_id, purpose, report_id, payload_enc)
    SELECT $${channel}::"Channel", $${reporter}::uuid, purpose, report_id::uuid, payload_enc
    FROM unnest($${arrays}::text[], $${arrays + 1}::text[], $${arrays + 2}::bytea[])
      WITH ORDINALITY AS t(purpose, report_id, payload_enc, n)
    ORDER BY n`;
}

/**
 * Writes messages for a reporter in the transaction that decided them. They are delivered in
 * insertion order after the commit, so a reply is never sent for work that was rolled back.
 */
export async function enqueueOutbound(
  tx: PgClient,
  cipher: FieldCipher,
  target: { channel: Channel; reporterId: string },
  items: OutboundItem[],
): Promise<void> {
  if (items.length === 0) return;
  const columns = outboundColumns(cipher, items);
  await tx.query(insertOutboundSql(1, 2, 3), [
    target.channel,
    target.reporterId,
    columns.purposes,
    columns.reportIds,
    columns.payloads,
  ]);
}
