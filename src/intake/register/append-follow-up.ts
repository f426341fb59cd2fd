import { randomUUID } from 'node:crypto';
import type { InboundAttachment } from '../../citizen/engine/inbound-message.ts';
import type { PgClient } from '../../platform/database/create-pg-pool.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';
import { attachmentRow } from './attachment-row.ts';

/**
 * Adds what a reporter sent after submission to the report: the text, a file, or both. Open
 * officer questions count as answered, and the report is marked as having new information for
 * its unit's queue, in the same transaction (so nothing waits in an outbox to be told).
 */
export async function appendFollowUp(
  tx: PgClient,
  input: { reportId: string; channel: Channel; text?: string; attachment?: InboundAttachment; now: Date },
): Promise<void> {
  const followUpId = randomUUID();
  const attachment = input.attachment ? attachmentRow(input.channel, input.attachment) : null;
  await tx.query(
    `INSERT INTO follow_up (id, report_id, direction, text, created_at)
     VALUES ($1, $2, 'from_reporter', $3, $4)`,
    [followUpId, input.reportId, input.text ?? null, input.now],
  );
  await tx.query(
    `WITH attachment AS (
       INSERT INTO attachment (id, report_id, follow_up_id, channel, kind, platform_file_id, mime_type, size_bytes, file_name)
       SELECT gen_random_uuid(), $2, $1, $4::"Channel", $5, $6, $7, $8, $9 WHERE $6::text IS NOT NULL
     ), answered AS (
       UPDATE follow_up SET answered_at = $3
       WHERE report_id = $2 AND direction = 'to_reporter' AND answered_at IS NULL
     ), event AS (
       INSERT INTO report_event (report_id, kind, actor, at, detail)
       VALUES ($2, 'follow_up_added', 'reporter', $3, jsonb_build_object('followUpId', $1::text))
     )
     UPDATE report SET new_information_at = $3 WHERE id = $2`,
    [
      followUpId,
      input.reportId,
      input.now,
      input.channel,
      attachment?.kind ?? null,
      attachment?.platformFileId ?? null,
      attachment?.mimeType ?? null,
      attachment?.sizeBytes ?? null,
      attachment?.fileName ?? null,
    ],
  );
}
