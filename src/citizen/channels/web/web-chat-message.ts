import { z } from 'zod';

/** Longest text a citizen can send in one web chat message (the flows cap descriptions at 4,000). */
export const WEB_CHAT_MAX_TEXT_LENGTH = 5000;

/** Commands the page may send: the start of a conversation and its fixed buttons. */
export const webChatCommands = ['start', 'menu', 'cancel', 'help', 'emergency', 'language'] as const;

// Step names and choice ids are short ASCII made by the flows; anything else is not from our page.
const stepNamePattern = /^[a-z][a-z0-9_]{0,63}$/;
const choiceIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * One message from the web chat page, as the API accepts it and as it is stored inside the
 * inbound event. Strict: an unknown field is a request that did not come from the page.
 */
export const webChatMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.string().max(WEB_CHAT_MAX_TEXT_LENGTH, 'too_long') }),
  z.strictObject({
    type: z.literal('choice'),
    stepName: z.string().regex(stepNamePattern),
    choiceId: z.string().regex(choiceIdPattern),
  }),
  z.strictObject({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
  z.strictObject({ type: z.literal('command'), command: z.enum(webChatCommands) }),
]);

export type WebChatMessage = z.infer<typeof webChatMessageSchema>;
