/**
 * A message from a citizen, as every channel adapter must present it to the conversation engine.
 * Adapters convert platform payloads into this shape; the engine never sees a platform type.
 * All text is already normalised to NFC by the adapter (see `normalizeText`).
 */
export type InboundMessage =
  | { kind: 'text'; text: string }
  /** A button press. `stepName` is the step whose buttons were shown; `choiceId` the chosen id. */
  | { kind: 'choice'; stepName: string; choiceId: string }
  | { kind: 'location'; latitude: number; longitude: number }
  /** A phone number shared through the platform's contact button; `isOwn` when it is the sender's. */
  | { kind: 'contact'; phone: string; isOwn: boolean }
  | { kind: 'attachment'; attachment: InboundAttachment; caption?: string; groupId?: string }
  /** `/start`, `/cancel`, `/help`… `payload` carries a deep-link argument (`/start tip`). */
  | { kind: 'command'; command: string; payload?: string }
  /** The citizen edited an earlier message; the new text is kept as an amendment. */
  | { kind: 'amendment'; text: string }
  /** Something the channel delivered that carries nothing the flows can use (a sticker, a poll). */
  | { kind: 'unsupported'; what: string };

export type AttachmentKind = 'photo' | 'document' | 'video' | 'audio' | 'voice' | 'sticker';

export interface InboundAttachment {
  kind: AttachmentKind;
  /** The platform's id (Telegram `file_id`) or URL (Zalo) from which the file can be fetched. */
  platformFileId: string;
  mimeType?: string;
  sizeBytes?: number;
  fileName?: string;
}

/** What a channel can show. Flows hide options a channel cannot offer. */
export interface ChannelCapabilities {
  buttons: boolean;
  locationRequest: boolean;
  contactRequest: boolean;
  attachments: boolean;
}
