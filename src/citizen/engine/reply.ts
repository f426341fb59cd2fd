import type { LocalText } from '../../platform/vocabulary/local-text.ts';

/** A choice's label is either a translated text or a literal (a ward name from the official list). */
export type ChoiceLabel = LocalText | { literal: string };

export interface ReplyChoice {
  /** Short ASCII id: it travels in Telegram callback data (64 bytes at most, step name included). */
  id: string;
  label: ChoiceLabel;
}

export interface Reply {
  text: LocalText[];
  /** Buttons for the current step; channels without buttons show them as a numbered list. */
  choices?: ReplyChoice[];
  /** The step the choices belong to, so a late press on an old message is recognised. */
  stepName?: string;
  /** Ask the platform for a location pin or the sender's phone (reply keyboard on Telegram). */
  request?: 'location' | 'contact';
  /** Kept as its own message (the emergency numbers), never merged into the next one. */
  standalone?: boolean;
  /** Set on the receipt of a committed report: it is stored once per report and never repeated. */
  receiptFor?: string;
}

/** A reply after translation: what is stored in the outbound queue and given to an adapter. */
export interface RenderedReply {
  text: string;
  /** The language it was translated into, for a channel's own words around it (a number hint). */
  language?: 'vi' | 'en';
  choices: { id: string; label: string; number: number }[];
  stepName?: string;
  request?: 'location' | 'contact';
  /** Localised label of the button that asks for location / contact, and of the "skip" alternative. */
  requestLabel?: string;
}
