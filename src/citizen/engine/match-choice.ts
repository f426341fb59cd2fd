import { foldDiacritics } from '../../platform/text/fold-diacritics.ts';
import { matchScore } from '../../platform/text/match-folded.ts';
import type { ReplyChoice } from './reply.ts';

/** Translates a choice label for matching; the engine passes the citizen's language's translator. */
export type LabelText = (choice: ReplyChoice) => string;

/**
 * Finds the choice a citizen meant by typing instead of pressing a button: its number ("2"), or
 * its label with or without diacritics ("ma tuy" for "Ma túy"). Returns the id, or null when the
 * text matches none or several choices equally well.
 */
export function matchChoice(text: string, choices: ReplyChoice[], labelOf: LabelText): string | null {
  const trimmed = text.trim();
  if (/^\d{1,2}$/.test(trimmed)) return choices[Number(trimmed) - 1]?.id ?? null;
  const query = foldDiacritics(trimmed.replace(/^\d{1,2}[.)]\s*/, ''));
  // One letter is too little to guess a label from ("x" is not "Đang xảy ra").
  if (query.length < 2) return null;
  let best: string | null = null;
  let bestScore = 0;
  let tie = false;
  for (const choice of choices) {
    const label = foldDiacritics(stripDecoration(labelOf(choice)));
    const score = label === query ? 1000 : matchScore(query, label);
    if (score > bestScore) {
      best = choice.id;
      bestScore = score;
      tie = false;
    } else if (score > 0 && score === bestScore) {
      tie = true;
    }
  }
  return tie ? null : best;
}

/** Emoji and marks on button labels ("✅ Xong") are not part of what people type. */
function stripDecoration(label: string): string {
  return label.replace(/[^\p{L}\p{N}\s]/gu, ' ');
}
