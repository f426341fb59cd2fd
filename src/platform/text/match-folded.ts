import { foldDiacritics } from './fold-diacritics.ts';

// Apostrophes sit inside words ("Ea H'Leo"), so they are dropped; any other punctuation separates
// words ("tp.hcm" → "tp hcm"). Marks are kept here: decomposed input carries them as separate
// characters and foldDiacritics removes them afterwards.
const apostrophes = /['’ʼ`´]/g;
const nonWordCharacters = /[^\p{L}\p{M}\p{N}]+/gu;

// One or two letters inside a word match almost anything, so mid-word matches need this many.
const minimumInnerMatchLength = 3;

/** The form `matchScore` compares: folded, punctuation removed, words separated by one space. */
export function foldForMatch(s: string): string {
  return foldDiacritics(s.replace(apostrophes, '').replace(nonWordCharacters, ' '));
}

/**
 * How well free text matches a label or a place name, compared without diacritics, case or
 * punctuation; 0 means no match, a higher number a better one. Best first: the same text; the same
 * text spaced differently ("hanoi", "ha noi"); the candidate begins with the query's whole words;
 * the query's whole words appear inside it; the candidate begins with the query; a word of it
 * begins with the query; the candidate begins with the query ignoring spaces; the query appears
 * inside a word; the query appears inside it ignoring spaces. Example:
 * `matchScore('to giac', 'Tố giác') > matchScore('to', 'Tố giác') > 0`.
 */
export function matchScore(query: string, candidate: string): number {
  const q = foldForMatch(query);
  const c = foldForMatch(candidate);
  if (q === '' || c === '') return 0;
  if (c === q) return 100;
  const compactQ = q.replaceAll(' ', '');
  const compactC = c.replaceAll(' ', '');
  if (compactC === compactQ) return 90;
  if (c.startsWith(`${q} `)) return 80;
  if (` ${c} `.includes(` ${q} `)) return 70;
  if (c.startsWith(q)) return 60;
  if (` ${c}`.includes(` ${q}`)) return 50;
  if (compactC.startsWith(compactQ)) return 40;
  if (compactQ.length < minimumInnerMatchLength) return 0;
  if (c.includes(q)) return 20;
  if (compactC.includes(compactQ)) return 10;
  return 0;
}
