import type { InboundMessage } from '../engine/inbound-message.ts';

/**
 * A message's text as the engine takes it: a command with its payload (`/status ABCD-…`) when the
 * text is one by `commandPattern` (each platform has its own, Telegram's allowing `@botname`),
 * else plain text; a text of nothing but control characters is empty once cleaned, so unsupported.
 */
export function readCommandText(text: string, commandPattern: RegExp): InboundMessage {
  if (text === '') return { kind: 'unsupported', what: 'empty_text' };
  const command = commandPattern.exec(text);
  if (!command?.[1]) return { kind: 'text', text };
  const inbound: InboundMessage = { kind: 'command', command: command[1].toLowerCase() };
  if (command[2]) inbound.payload = command[2];
  return inbound;
}
