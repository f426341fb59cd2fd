import { AppError } from '../../../platform/errors/app-error.ts';
import { normalizeText } from '../../../platform/text/normalize-text.ts';
import type { InboundMessage } from '../../engine/inbound-message.ts';
import type { ChannelAdapter } from '../channel-adapter.ts';
import type { ParsedInbound } from '../parsed-inbound.ts';
import { type WebChatEnvelope, webChatEnvelopeSchema } from './web-chat-envelope.ts';
import type { WebChatMessage } from './web-chat-message.ts';

/**
 * The web chat as the intake sees it. Buttons and the browser's location; no contact button (web
 * reporters are anonymous unless they type a phone number) and no files.
 */
export const webChatAdapter: ChannelAdapter = {
  channel: 'web',
  capabilities: { buttons: true, locationRequest: true, contactRequest: false, attachments: false },
  readKey(body) {
    const envelope = readEnvelope(body);
    return { platformKey: envelope.key, chatId: envelope.chatId };
  },
  parse(body): ParsedInbound {
    const envelope = readEnvelope(body);
    const inbound: ParsedInbound = { chatId: envelope.chatId, message: toInbound(envelope.message) };
    if (envelope.language) inbound.languageHint = envelope.language;
    return inbound;
  },
};

function readEnvelope(body: unknown): WebChatEnvelope {
  const parsed = webChatEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    // Paths and codes only: the values may be what a citizen wrote.
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
    throw new AppError('malformed_payload', `malformed web chat envelope (${where.join('; ')})`);
  }
  return parsed.data;
}

function toInbound(message: WebChatMessage): InboundMessage {
  switch (message.type) {
    case 'text': {
      // Already normalised by the API; normalising again is free and keeps the adapter safe alone.
      const text = normalizeText(message.text);
      return text === '' ? { kind: 'unsupported', what: 'empty_text' } : { kind: 'text', text };
    }
    case 'choice':
      return { kind: 'choice', stepName: message.stepName, choiceId: message.choiceId };
    case 'location':
      return { kind: 'location', latitude: message.latitude, longitude: message.longitude };
    case 'command':
      return { kind: 'command', command: message.command };
  }
}
