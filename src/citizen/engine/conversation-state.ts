import { z } from 'zod';
import { type Language, languages } from '../../platform/vocabulary/language.ts';

/** Bump when the stored shape changes; older states are restarted politely, never misread. */
export const STATE_VERSION = 1;

const attachmentSchema = z.object({
  kind: z.enum(['photo', 'document', 'video', 'audio', 'voice', 'sticker']),
  platformFileId: z.string().min(1).max(2048),
  mimeType: z.string().max(255).optional(),
  sizeBytes: z.number().int().nonnegative().optional(),
  fileName: z.string().max(255).optional(),
});
export type DraftAttachment = z.infer<typeof attachmentSchema>;

/** The answers collected so far. Every field is optional: steps fill them in order. */
export const draftSchema = z.object({
  kind: z.enum(['crime_tip', 'trafficking']).optional(),
  category: z.string().optional(),
  description: z.string().optional(),
  amendments: z.array(z.string()).default([]),
  occurredWhen: z.string().optional(),
  occurredText: z.string().optional(),
  ongoing: z.boolean().optional(),
  provinceQuery: z.string().optional(),
  wardQuery: z.string().optional(),
  provinceCode: z.string().optional(),
  wardCode: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  placeUnknown: z.boolean().optional(),
  peopleText: z.string().optional(),
  attachments: z.array(attachmentSchema).default([]),
  anonymity: z.enum(['anonymous', 'confidential']).optional(),
  phone: z.string().optional(),
  dangerNow: z.boolean().optional(),
  affected: z.string().optional(),
  childInvolved: z.string().optional(),
  situation: z.string().optional(),
  country: z.string().optional(),
  lastContactText: z.string().optional(),
  helpNeeded: z.array(z.string()).default([]),
});
export type Draft = z.infer<typeof draftSchema>;

export const conversationStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  language: z.enum(languages),
  languageChosen: z.boolean(),
  /** The named step the citizen is at; never a numeric cursor. */
  step: z.string().min(1),
  /** Steps visited in this flow, for "back". */
  history: z.array(z.string()).default([]),
  draft: draftSchema,
  /** The report a follow-up conversation adds to (found by receipt code). */
  followUpReportId: z.string().optional(),
  followUpRegisterNumber: z.string().optional(),
  /** The last report submitted in this chat, so an edited message can be added to it. */
  lastReportId: z.string().optional(),
  /** Album photos arrive one update each; only the first of a group is acknowledged. */
  lastMediaGroupId: z.string().optional(),
  /**
   * The step's question was never shown (a new chat, or one whose state was lost): the first
   * message is greeted with the question rather than judged as an answer to it.
   */
  unprompted: z.boolean().optional(),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

export function emptyDraft(): Draft {
  return { amendments: [], attachments: [], helpNeeded: [] };
}

/** A state at the start of the conversation: the language question until one was chosen. */
export function initialState(language: Language, languageChosen: boolean): ConversationState {
  return {
    version: STATE_VERSION,
    language,
    languageChosen,
    step: languageChosen ? 'menu' : 'language',
    history: [],
    draft: emptyDraft(),
  };
}

/** Reads a stored state; `null` when it is missing, of another version or unreadable. */
export function readState(stored: unknown): ConversationState | null {
  const parsed = conversationStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
