import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { normalizeText } from '../../../platform/text/normalize-text.ts';
import type { AttachmentKind, InboundAttachment, InboundMessage } from '../../engine/inbound-message.ts';
import type { ParsedInbound } from '../parsed-inbound.ts';
import { readZaloEventKey } from './read-zalo-event-key.ts';
import { CHOICE_PAYLOAD_PREFIX, decodeChoicePayload } from './zalo-choice-payload.ts';

// Only what the adapter reads is declared; unknown fields pass, a declared one of a wrong type fails.
const coordinate = z.union([z.number(), z.string().regex(/^\s*-?\d{1,3}(\.\d{1,15})?\s*$/)]);
const attachmentSchema = z.object({
  type: z.string().max(64),
  payload: z
    .object({
      url: z.string().max(4096).optional(),
      name: z.string().max(1024).optional(),
      size: z.union([z.number().nonnegative(), z.string().regex(/^\d{1,15}$/)]).optional(),
      id: z.union([z.string().max(256), z.number()]).optional(),
      coordinates: z
        .object({
          latitude: coordinate.optional(),
          longitude: coordinate.optional(),
          lat: coordinate.optional(),
          long: coordinate.optional(),
          lng: coordinate.optional(),
        })
        .optional(),
    })
    .nullish(),
});
const eventSchema = z.object({
  event_name: z.string(),
  message: z
    .object({
      msg_id: z.string().max(128).optional(),
      text: z.string().max(20_000).optional(),
      attachments: z.array(attachmentSchema).max(50).optional(),
    })
    .optional(),
  info: z.object({ phone: z.union([z.string().max(32), z.number()]).optional() }).optional(),
});
type ZaloAttachment = z.infer<typeof attachmentSchema>;

const fileKinds: Record<string, AttachmentKind> = {
  user_send_image: 'photo',
  user_send_file: 'document',
  user_send_audio: 'voice',
  user_send_video: 'video',
  user_send_sticker: 'sticker',
};

/**
 * Converts a raw Zalo OA webhook event into what the engine understands. Returns null for events
 * that are not a citizen talking (follow, unfollow, seen receipts, the OA's own message echoes).
 * Button presses arrive as text starting with `#c|` and become choices; images, files, voice and
 * video become attachments whose `platformFileId` is the media URL (downloaded right after the
 * commit); a GIF, a business card or an unreadable button payload is `unsupported`; a shared
 * location may carry its coordinates as numbers or strings, as latitude/longitude or lat/long;
 * `user_submit_info` becomes the citizen's own phone in international form (`+84…`).
 * Throws an AppError `malformed_payload` for a payload of the wrong shape, so the intake quarantines it.
 */
export function parseZaloEvent(body: unknown): ParsedInbound | null {
  // Only the chat is needed here (the key was read at intake): the user hash is not computed.
  const { chatId } = readZaloEventKey(body, () => '');
  if (chatId === null) return null;
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success) {
    // Paths and issue codes only: the values may be a citizen's tip.
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
    throw new AppError('malformed_payload', `malformed Zalo event (${where.join('; ')})`);
  }
  const message = readMessage(parsed.data);
  const more = furtherFiles(parsed.data, message);
  return more.length > 0 ? { chatId, message, alsoMessages: more } : { chatId, message };
}

/**
 * The other files of one message with several images (or files): each an attachment of the same
 * album as the first (`groupId`), so the evidence step takes them all and answers once.
 */
function furtherFiles(event: z.infer<typeof eventSchema>, first: InboundMessage): InboundMessage[] {
  const kind = fileKinds[event.event_name];
  const rest = event.message?.attachments?.slice(1) ?? [];
  if (first.kind !== 'attachment' || !kind || kind === 'sticker' || rest.length === 0) return [];
  const groupId = `zalo:${event.message?.msg_id ?? first.attachment.platformFileId}`;
  first.groupId = groupId;
  return rest.flatMap((attachment) => {
    const file = readAttachment(kind, attachment);
    return file ? [{ kind: 'attachment' as const, attachment: file, groupId }] : [];
  });
}

function readMessage(event: z.infer<typeof eventSchema>): InboundMessage {
  const text = event.message?.text === undefined ? '' : normalizeText(event.message.text);
  const first = event.message?.attachments?.[0];
  switch (event.event_name) {
    case 'user_send_text':
      return readText(text);
    case 'user_send_location':
      return readLocation(first);
    case 'user_submit_info':
      return readContact(event.info?.phone);
    case 'user_send_link': {
      // A shared link (a scam page, a post) is part of what the citizen tells: kept as text.
      const url = first?.payload?.url;
      const shared = text !== '' ? text : url !== undefined ? normalizeText(url) : '';
      return shared === '' ? { kind: 'unsupported', what: 'link' } : { kind: 'text', text: shared };
    }
    case 'user_send_gif':
      return { kind: 'unsupported', what: 'gif' };
    case 'user_send_business_card':
      return { kind: 'unsupported', what: 'business_card' };
    default: {
      const kind = fileKinds[event.event_name];
      if (!kind) return { kind: 'unsupported', what: event.event_name };
      const attachment = readAttachment(kind, first);
      if (!attachment)
        throw new AppError('malformed_payload', `a Zalo ${event.event_name} event has no usable URL`);
      const inbound: InboundMessage = { kind: 'attachment', attachment };
      if (text !== '' && kind !== 'sticker') inbound.caption = text;
      return inbound;
    }
  }
}

function readText(text: string): InboundMessage {
  if (text === '') return { kind: 'unsupported', what: 'empty_text' };
  if (text.startsWith(CHOICE_PAYLOAD_PREFIX)) {
    const choice = decodeChoicePayload(text);
    return choice ? { kind: 'choice', ...choice } : { kind: 'unsupported', what: 'choice_payload' };
  }
  return { kind: 'text', text };
}

function readAttachment(
  kind: AttachmentKind,
  attachment: ZaloAttachment | undefined,
): InboundAttachment | null {
  const payload = attachment?.payload;
  if (kind === 'sticker') {
    // A sticker is declined by the flows; it needs no fetchable URL.
    const id = payload?.url ?? (payload?.id === undefined ? 'sticker' : `sticker:${String(payload.id)}`);
    return { kind, platformFileId: id };
  }
  const url = payload?.url;
  if (url === undefined || !/^https?:\/\/\S+$/i.test(url)) return null;
  const result: InboundAttachment = { kind, platformFileId: url };
  if (payload?.size !== undefined) {
    const size = Number(payload.size);
    if (Number.isSafeInteger(size)) result.sizeBytes = size;
  }
  // File names are shown to officers: strip the bidi overrides used to disguise extensions.
  if (payload?.name !== undefined) {
    const name = normalizeText(payload.name);
    if (name !== '') result.fileName = name;
  }
  return result;
}

function readLocation(attachment: ZaloAttachment | undefined): InboundMessage {
  const c = attachment?.payload?.coordinates;
  const latitude = toNumber(c?.latitude ?? c?.lat);
  const longitude = toNumber(c?.longitude ?? c?.long ?? c?.lng);
  if (latitude === null || longitude === null) {
    throw new AppError('malformed_payload', 'a Zalo user_send_location event has no coordinates');
  }
  // Out-of-range values are left to the flow, which answers that the location is not valid.
  return { kind: 'location', latitude, longitude };
}

function toNumber(value: number | string | undefined): number | null {
  if (value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/** Zalo sends the phone as `84912345678`; the flows read international numbers. */
function readContact(phone: string | number | undefined): InboundMessage {
  if (phone === undefined) return { kind: 'unsupported', what: 'user_info_without_phone' };
  const digits = String(phone).replace(/[\s.\-()+]/g, '');
  if (!/^\d{8,15}$/.test(digits)) return { kind: 'unsupported', what: 'user_info_without_phone' };
  const international = digits.startsWith('0') ? `+84${digits.slice(1)}` : `+${digits}`;
  return { kind: 'contact', phone: international, isOwn: true };
}
