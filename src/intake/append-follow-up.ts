import type { Transaction } from '../database/create-database-client.ts';
import type { Channel } from '../engine/channel.ts';
import type { InboundAttachment } from '../engine/inbound-message.ts';
import { attachmentRow } from './attachment-row.ts';

/**
 * Adds what a reporter sent after submission to the report: the text, a file, or both. Open
 * officer questions count as answered, and an outbox row lets the handling officer be told.
 */
export async function appendFollowUp(
  tx: Transaction,
  input: { reportId: string; channel: Channel; text?: string; attachment?: InboundAttachment; now: Date },
): Promise<void> {
  const followUp = await tx.followUp.create({
    data: {
      reportId: input.reportId,
      direction: 'from_reporter',
      text: input.text ?? null,
      createdAt: input.now,
    },
    select: { id: true },
  });
  if (input.attachment) {
    await tx.attachment.create({
      data: {
        reportId: input.reportId,
        followUpId: followUp.id,
        ...attachmentRow(input.channel, input.attachment),
      },
    });
  }
  await tx.followUp.updateMany({
    where: { reportId: input.reportId, direction: 'to_reporter', answeredAt: null },
    data: { answeredAt: input.now },
  });
  await tx.reportEvent.create({
    data: {
      reportId: input.reportId,
      kind: 'follow_up_added',
      actor: 'reporter',
      at: input.now,
      detail: { followUpId: followUp.id },
    },
  });
  await tx.outbox.create({ data: { topic: 'report.follow_up', aggregateId: followUp.id } });
}
