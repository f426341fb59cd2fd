import { foldDiacritics } from '../../platform/text/fold-diacritics.ts';

/** A word as compared: its letters without diacritics, and the marks it carries, sorted. */
interface Word {
  bare: string;
  marks: readonly string[];
}
type Clause = readonly Word[];

/** Free text cut into clauses of words, ready for `findVietnamesePhrase`. */
export interface PhraseSearchText {
  readonly clauses: readonly Clause[];
  /** Every word of the clauses without diacritics: a phrase whose first word is not here is absent. */
  readonly bareWords: ReadonlySet<string>;
}

// As in match-folded.ts: apostrophes sit inside words ("H'Mông") and are dropped.
const apostrophes = /['’ʼ`´]/g;
// Any punctuation or line break ends a clause: a phrase never spans "có, súng" or two lines.
const clauseBreak = /[^\p{L}\p{M}\p{N}\p{Zs}\t]+/u;
const wordBreak = /[\p{Zs}\t]+/u;
const combiningMark = /\p{M}/u;
// ð (U+00F0) is the lower case of Ð, which old fonts and keyboards put in place of Đ.
const dWithStroke = /[đĐðÐ]/u;

function toWord(word: string): Word {
  const marks: string[] = [];
  for (const character of word.normalize('NFD')) {
    if (combiningMark.test(character)) marks.push(character);
    // The stroke of đ is no combining mark in Unicode, but people leave it out like one.
    else if (dWithStroke.test(character)) marks.push('đ');
  }
  return { bare: foldDiacritics(word.replace(/ð/gu, 'đ')), marks: marks.sort() };
}

/**
 * Words already cut, by their text: the words of reports repeat (Vietnamese writes a few thousand
 * syllables), and cutting one (NFD, a test per character, folding) was most of a triage's CPU.
 * Bounded, so hostile texts of endless distinct words cannot grow it past its cap.
 */
const cutWords = new Map<string, Word>();
function cutWord(text: string): Word {
  let word = cutWords.get(text);
  if (!word) {
    word = toWord(text);
    if (cutWords.size < 50_000) cutWords.set(text, word);
  }
  return word;
}

function toWords(text: string): Word[] {
  // A stray mark with no letter before it folds to nothing and is no word.
  return text
    .split(wordBreak)
    .map(cutWord)
    .filter((w) => w.bare !== '');
}

/** Rule phrases are few and fixed: split each once, not once per report and rule. */
const phraseWords = new Map<string, Word[]>();
function wordsOfPhrase(phrase: string): Word[] {
  let words = phraseWords.get(phrase);
  if (!words) {
    words = toWords(phrase);
    if (phraseWords.size < 10_000) phraseWords.set(phrase, words);
  }
  return words;
}

/** Every mark of `typed` is among the marks of `written`, counting repeats (both sorted). */
function marksWithin(typed: readonly string[], written: readonly string[]): boolean {
  let j = 0;
  for (const mark of typed) {
    while (j < written.length && written[j] !== mark) j++;
    if (j === written.length) return false;
    j++;
  }
  return true;
}

// Marks are compared as a set per word rather than letter by letter, so the old and new tone
// placements ("doạ", "dọa") are the same word, and a word typed with fewer marks still matches.
function wordMatches(typed: Word | undefined, written: Word): boolean {
  return typed !== undefined && typed.bare === written.bare && marksWithin(typed.marks, written.marks);
}

function phraseAt(clause: Clause, start: number, phrase: Clause): boolean {
  return phrase.every((word, offset) => wordMatches(clause[start + offset], word));
}

function withoutPhrase(clause: Clause, phrase: Clause): Clause[] {
  const parts: Clause[] = [];
  let partStart = 0;
  let i = 0;
  while (i + phrase.length <= clause.length) {
    if (phraseAt(clause, i, phrase)) {
      parts.push(clause.slice(partStart, i));
      i += phrase.length;
      partStart = i;
    } else i++;
  }
  parts.push(clause.slice(partStart));
  return parts.filter((part) => part.length > 0);
}

/**
 * Cuts texts into clauses of words for phrase search, and blanks out every occurrence of the
 * ignore phrases first, so that what they cover cannot be part of a match (a phrase on either side
 * of a blanked one does not join across it). Example:
 * `prepareVietnameseText(['Nó có sung sướng gì đâu'], ['sung sướng'])` leaves "nó có" and "gì đâu".
 */
export function prepareVietnameseText(
  texts: readonly string[],
  ignorePhrases: readonly string[] = [],
): PhraseSearchText {
  let clauses: Clause[] = texts.flatMap((text) =>
    text.replace(apostrophes, '').split(clauseBreak).map(toWords),
  );
  for (const ignored of ignorePhrases) {
    const phrase = wordsOfPhrase(ignored);
    if (phrase.length > 0) clauses = clauses.flatMap((clause) => withoutPhrase(clause, phrase));
  }
  const kept = clauses.filter((clause) => clause.length > 0);
  return { clauses: kept, bareWords: new Set(kept.flatMap((clause) => clause.map((word) => word.bare))) };
}

/**
 * The first of `phrases` (written with full diacritics) found as whole words inside one clause of
 * the text, or undefined. A word typed with fewer diacritics than written matches, in any Unicode
 * form and any case; a word typed with a mark the phrase does not have does not. Examples, for the
 * phrase "có súng": "CÓ SÚNG", "co sung" and "có sung" match; "có sưng" (is swollen) does not, nor
 * "có, súng".
 */
export function findVietnamesePhrase(text: PhraseSearchText, phrases: readonly string[]): string | undefined {
  return phrases.find((phrase) => {
    const words = wordsOfPhrase(phrase);
    // Most rule phrases are absent from most reports: one look-up instead of a walk over the text.
    if (words[0] === undefined || !text.bareWords.has(words[0].bare)) return false;
    return text.clauses.some((clause) => {
      for (let i = 0; i + words.length <= clause.length; i++) if (phraseAt(clause, i, words)) return true;
      return false;
    });
  });
}
