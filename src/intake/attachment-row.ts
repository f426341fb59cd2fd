import type { Channel } from '../engine/channel.ts';
import type { DraftAttachment } from '../engine/conversation-state.ts';

/** The stored columns of an attachment (its platform file id; the file is fetched later). */
export function attachmentRow(channel: Channel, attachment: DraftAttachment) {
  return {
    channel,
    kind: attachment.kind,
    platformFileId: attachment.platformFileId,
    mimeType: attachment.mimeType ?? null,
    sizeBytes: attachment.sizeBytes ?? null,
    fileName: attachment.fileName ?? null,
  };
}
