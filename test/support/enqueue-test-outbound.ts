import type { OutboundItem } from '../../src/intake/outbound/outbound-item.ts';
import type { PgClient } from '../../src/platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../src/platform/identity/field-cipher.ts';
import type { Channel } from '../../src/platform/vocabulary/channel.ts';

/** Writes outbound messages for a reporter as a turn would, for tests of delivery alone. */
export async function enqueueTestOutbound(
  tx: PgClient,
  cipher: FieldCipher,
  target: { channel: Channel; reporterId: string },
  items: OutboundItem[],
): Promise<void> {
  await tx.query(
    `INSERT INTO outbound_message (channel, reporter_id, purpose, report_id, payload_enc)
     SELECT $1::"Channel", $2::uuid, purpose, report_id::uuid, payload_enc
     FROM unnest($3::text[], $4::text[], $5::bytea[]) WITH ORDINALITY AS t(purpose, report_id, payload_enc, n)
     ORDER BY n`,
    [
      target.channel,
      target.reporterId,
      items.map((item) => item.purpose),
      items.map((item) => item.reportId ?? null),
      items.map((item) => cipher.encrypt(JSON.stringify(item.payload))),
    ],
  );
}
