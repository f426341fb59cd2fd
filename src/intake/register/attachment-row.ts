import type { DraftAttachment } from '../../citizen/engine/conversation-state.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';

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
