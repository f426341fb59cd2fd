import { type ShownWebReply, WebChatClient } from '../support/web-chat-client.ts';
import { startWebChatHarness } from '../support/web-chat-harness.ts';
import type { ParityChannel, ParityChat, ParityReply } from './parity-channel.ts';

/**
 * The web chat for the parity suite, through its HTTP API as the page speaks it: opening the chat
 * sends the start command; options are the buttons the page shows (the location button first).
 */
export async function startWebChatParityChannel(): Promise<ParityChannel> {
  const harness = await startWebChatHarness({
    THROTTLE_MESSAGES_PER_MINUTE: '500',
    WEB_CHAT_SESSION_MESSAGES_PER_MINUTE: '1000',
  });
  return {
    name: 'web',
    databaseUrl: harness.databaseUrl,
    protection: harness.app.protection,
    db: harness.app.db,
    newChat: async () => webChatParityChat(await new WebChatClient(harness.baseUrl).startSession()),
    stop: () => harness.stop(),
  };
}

/** The shared verbs over one web chat session (no files on this channel). */
export function webChatParityChat(chat: WebChatClient): ParityChat {
  return {
    start: async () => toReplies(await chat.start()),
    say: async (text) => toReplies(await chat.text(text)),
    choose: async (label) => toReplies(await chat.press(label)),
    shareLocation: async (latitude, longitude) =>
      toReplies(await chat.send({ type: 'location', latitude, longitude })),
    // The page fetches its own replies: what came unasked is there at the next fetch.
    received: async () => toReplies(await chat.collect()),
  };
}

function toReplies(shown: ShownWebReply[]): ParityReply[] {
  return shown.map(({ reply }) => ({
    text: reply.text,
    options: [...(reply.requestLabel ? [reply.requestLabel] : []), ...reply.choices.map((c) => c.label)],
  }));
}
