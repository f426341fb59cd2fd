import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { normalizeText } from '../../../platform/text/normalize-text.ts';
import type { InboundAttachment, InboundMessage } from '../../engine/inbound-message.ts';
import type { ParsedInbound } from '../parsed-inbound.ts';
import { readCommandText } from '../read-command-text.ts';
import { decodeChoiceCallbackData } from './callback-data.ts';

// Only the fields the adapter reads are declared; `z.object` ignores the rest, so fields Telegram
// adds later never break parsing, while a declared field of the wrong type does.
const userSchema = z.object({ id: z.int(), language_code: z.string().optional() });
const chatSchema = z.object({ id: z.int() });
const fileFields = {
  file_id: z.string().min(1),
  file_size: z.number().nonnegative().optional(),
  mime_type: z.string().optional(),
  file_name: z.string().optional(),
};
const fileSchema = z.object(fileFields);
const photoSizeSchema = z.object({
  file_id: z.string().min(1),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  file_size: z.number().nonnegative().optional(),
});

const messageSchema = z.object({
  message_id: z.int(),
  chat: chatSchema,
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  media_group_id: z.string().optional(),
  location: z
    .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
    .optional(),
  contact: z.object({ phone_number: z.string(), user_id: z.int().optional() }).optional(),
  photo: z.array(photoSizeSchema).min(1).optional(),
  document: fileSchema.optional(),
  video: fileSchema.optional(),
  video_note: fileSchema.optional(),
  audio: fileSchema.optional(),
  voice: fileSchema.optional(),
  sticker: fileSchema.optional(),
});
type TelegramMessage = z.infer<typeof messageSchema>;

const callbackQuerySchema = z.object({
  id: z.string().min(1),
  from: userSchema,
  // Absent for buttons on inline-mode messages; then the sender's id is the private chat id.
  message: z.object({ chat: chatSchema }).optional(),
  data: z.string().optional(),
});

const updateSchema = z.object({
  update_id: z.int().nonnegative(),
  message: messageSchema.optional(),
  edited_message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});

// Message fields that describe the message rather than its content; the first other field names
// what an unsupported message carried (`poll`, `dice`, …).
const envelopeFields = new Set([
  'message_id',
  'message_thread_id',
  'from',
  'sender_chat',
  'date',
  'chat',
  'forward_origin',
  'forward_from',
  'forward_from_chat',
  'forward_from_message_id',
  'forward_date',
  'forward_signature',
  'forward_sender_name',
  'is_topic_message',
  'is_automatic_forward',
  'reply_to_message',
  'external_reply',
  'quote',
  'via_bot',
  'edit_date',
  'has_protected_content',
  'media_group_id',
  'author_signature',
  'entities',
  'caption',
  'caption_entities',
  'link_preview_options',
  'reply_markup',
]);

const commandPattern = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{1,64})?(?:\s+([\s\S]+))?$/;

/**
 * Converts a raw Telegram update (parsed JSON) into what the engine understands. Returns null for
 * update kinds that are not a citizen talking to the bot (`my_chat_member`, `channel_post`, …);
 * returns a `ParsedInbound` with `message: null` for an edit that carries no text (live location).
 * All text is passed through `normalizeText`. Throws an AppError `malformed_payload` when a known
 * part of the update has the wrong shape, so the caller quarantines it instead of retrying.
 */
export function parseTelegramUpdate(update: unknown): ParsedInbound | null {
  const parsed = updateSchema.safeParse(update);
  if (!parsed.success) {
    // Paths and issue codes only: the values may be a citizen's tip.
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
    throw new AppError('malformed_payload', `malformed Telegram update (${where.join('; ')})`);
  }
  const { message, edited_message: edited, callback_query: callback } = parsed.data;
  const raw = update as { message?: Record<string, unknown> };

  if (message) {
    return withSender(message.chat.id, message.from, readMessage(message, raw.message ?? {}));
  }
  if (edited) {
    const text = edited.text ?? edited.caption;
    const amendment: InboundMessage | null =
      text === undefined ? null : { kind: 'amendment', text: normalizeText(text) };
    return withSender(edited.chat.id, edited.from, amendment);
  }
  if (callback) {
    const choice = callback.data === undefined ? null : decodeChoiceCallbackData(callback.data);
    // The press itself was answered when it was committed (see telegramAdapter).
    return withSender(
      callback.message?.chat.id ?? callback.from.id,
      callback.from,
      choice ? { kind: 'choice', ...choice } : { kind: 'unsupported', what: 'callback_query' },
    );
  }
  return null;
}

function withSender(
  chatId: number,
  from: z.infer<typeof userSchema> | undefined,
  message: InboundMessage | null,
): ParsedInbound {
  const inbound: ParsedInbound = { chatId: String(chatId), message };
  if (from?.language_code) inbound.languageHint = from.language_code;
  return inbound;
}

function readMessage(message: TelegramMessage, raw: Record<string, unknown>): InboundMessage {
  if (message.text !== undefined) return readText(normalizeText(message.text));
  if (message.location) {
    return { kind: 'location', latitude: message.location.latitude, longitude: message.location.longitude };
  }
  if (message.contact) {
    const isOwn = message.from !== undefined && message.contact.user_id === message.from.id;
    return { kind: 'contact', phone: message.contact.phone_number, isOwn };
  }
  const attachment = readAttachment(message);
  if (attachment) {
    const inbound: InboundMessage = { kind: 'attachment', attachment };
    if (message.caption !== undefined) inbound.caption = normalizeText(message.caption);
    if (message.media_group_id !== undefined) inbound.groupId = message.media_group_id;
    return inbound;
  }
  const what = Object.keys(raw).find((key) => !envelopeFields.has(key)) ?? 'message';
  return { kind: 'unsupported', what };
}

function readText(text: string): InboundMessage {
  return readCommandText(text, commandPattern);
}

function readAttachment(message: TelegramMessage): InboundAttachment | null {
  if (message.photo) return { kind: 'photo', platformFileId: largestPhoto(message.photo).file_id };
  // An animation (GIF) also arrives as `document`, and a round video note is a video.
  const file =
    (message.document && { kind: 'document' as const, file: message.document }) ??
    (message.video && { kind: 'video' as const, file: message.video }) ??
    (message.video_note && { kind: 'video' as const, file: message.video_note }) ??
    (message.audio && { kind: 'audio' as const, file: message.audio }) ??
    (message.voice && { kind: 'voice' as const, file: message.voice }) ??
    (message.sticker && { kind: 'sticker' as const, file: message.sticker });
  if (!file) return null;
  const attachment: InboundAttachment = { kind: file.kind, platformFileId: file.file.file_id };
  if (file.file.mime_type !== undefined) attachment.mimeType = file.file.mime_type;
  if (file.file.file_size !== undefined) attachment.sizeBytes = file.file.file_size;
  // File names are shown to officers: strip the bidi overrides used to disguise extensions.
  if (file.file.file_name !== undefined) attachment.fileName = normalizeText(file.file.file_name);
  return attachment;
}

type PhotoSize = z.infer<typeof photoSizeSchema>;

// The schema guarantees at least one size.
function largestPhoto(sizes: PhotoSize[]): PhotoSize {
  return sizes.reduce((best, size) => {
    const byArea = size.width * size.height - best.width * best.height;
    if (byArea !== 0) return byArea > 0 ? size : best;
    return (size.file_size ?? 0) > (best.file_size ?? 0) ? size : best;
  });
}
