import { z } from 'zod';
import { AppError } from '../../../platform/errors/app-error.ts';
import { normalizeText } from '../../../platform/text/normalize-text.ts';
import type { InboundMessage } from '../../engine/inbound-message.ts';
import type { ParsedInbound } from '../parsed-inbound.ts';
import { readCommandText } from '../read-command-text.ts';
import { isGroupChat, readZaloBotId, unwrapZaloBotUpdate } from './zalo-bot-update.ts';

const idSchema = z.unknown().transform((value, ctx) => {
  const id = readZaloBotId(value);
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: 'not an id' });
    return z.NEVER;
  }
  return id;
});

// Only the fields the adapter reads are declared: fields the platform adds later never break
// parsing, while a declared field of the wrong type does. `display_name` and `date` are not read.
const messageSchema = z.object({
  message_id: idSchema,
  chat: z.object({ id: idSchema, chat_type: z.string().max(32).optional() }),
  from: z.object({ id: idSchema }).optional(),
  text: z.string().optional(),
  // The documented name is `photo_url`; third-party clients read `photo`: both are accepted.
  photo_url: z.string().optional(),
  photo: z.string().optional(),
  caption: z.string().optional(),
});

const updateSchema = z.object({ event_name: z.string().min(1).max(100), message: messageSchema });

/** The stored attachment id is the photo's URL; the draft keeps at most this many characters. */
const MAX_PHOTO_URL_LENGTH = 2048;
const commandPattern = /^\/([A-Za-z0-9_]{1,32})(?:\s+([\s\S]+))?$/;

/**
 * Converts a raw Zalo Bot update (parsed JSON, bare or in `{ok, result}`) into what the engine
 * understands. Text becomes text (or a `/command`); a photo becomes an attachment whose
 * `platformFileId` is its URL; stickers and messages the platform calls unsupported become
 * `unsupported`. Returns null for a group chat (never answered) and for events that are not a
 * message. All text passes through `normalizeText`. Throws an AppError `malformed_payload` when a
 * known field has the wrong type or a text / image event lacks its content, so the caller
 * quarantines the update instead of retrying it.
 */
export function parseZaloBotUpdate(body: unknown): ParsedInbound | null {
  const parsed = updateSchema.safeParse(unwrapZaloBotUpdate(body));
  if (!parsed.success) {
    // Paths and issue codes only: the values may be a citizen's tip.
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
    throw new AppError('malformed_payload', `malformed Zalo Bot update (${where.join('; ')})`);
  }
  const { event_name: event, message } = parsed.data;
  if (isGroupChat(message.chat)) return null;
  const inbound = readEvent(event, message);
  return inbound === undefined ? null : { chatId: message.chat.id, message: inbound };
}

type ZaloBotMessage = z.infer<typeof messageSchema>;

/** Undefined: an event that is not a message from the citizen. */
function readEvent(event: string, message: ZaloBotMessage): InboundMessage | undefined {
  switch (event) {
    case 'message.text.received':
      if (message.text === undefined) throw new AppError('malformed_payload', 'a text event without text');
      return readText(normalizeText(message.text));
    case 'message.image.received':
      return readPhoto(message);
    case 'message.sticker.received':
      return { kind: 'unsupported', what: 'sticker' };
    case 'message.unsupported.received':
      return { kind: 'unsupported', what: 'unsupported_message' };
    default:
      // A message kind added to the platform later (a file, a voice note) is answered politely.
      return event.startsWith('message.')
        ? { kind: 'unsupported', what: 'unknown_message_event' }
        : undefined;
  }
}

function readText(text: string): InboundMessage {
  return readCommandText(text, commandPattern);
}

function readPhoto(message: ZaloBotMessage): InboundMessage {
  const url = message.photo_url ?? message.photo;
  if (url === undefined || !isWebUrl(url)) {
    throw new AppError('malformed_payload', 'an image event without a usable photo URL');
  }
  const inbound: InboundMessage = { kind: 'attachment', attachment: { kind: 'photo', platformFileId: url } };
  const caption = message.caption === undefined ? '' : normalizeText(message.caption);
  if (caption !== '') inbound.caption = caption;
  return inbound;
}

function isWebUrl(value: string): boolean {
  if (value.length > MAX_PHOTO_URL_LENGTH) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
