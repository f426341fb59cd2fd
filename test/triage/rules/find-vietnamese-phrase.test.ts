import { describe, expect, it } from 'vitest';
import {
  findVietnamesePhrase,
  prepareVietnameseText,
} from '../../../src/triage/rules/find-vietnamese-phrase.ts';

const find = (text: string, phrases: string[], ignore: string[] = []): string | undefined =>
  findVietnamesePhrase(prepareVietnameseText([text], ignore), phrases);

describe('findVietnamesePhrase', () => {
  it.each([
    ['with full diacritics', 'Hắn có súng', 'có súng'],
    ['without diacritics', 'han co sung', 'có súng'],
    ['with some diacritics left out', 'han có sung', 'có súng'],
    ['in decomposed Unicode', 'Hắn có súng'.normalize('NFD'), 'có súng'],
    ['in upper case', 'HẮN CÓ SÚNG', 'có súng'],
    ['with d for đ', 'no dam chet nguoi', 'đâm chết'],
    ['with Ð (U+00D0) for Đ', 'ÐÂM CHẾT', 'đâm chết'],
    ['with the old tone placement', 'nó đe doạ giết', 'đe dọa giết'],
    ['across several spaces and a tab', 'có   \t súng', 'có súng'],
  ])('finds a phrase typed %s', (_how, text, phrase) => {
    expect(find(text, ['cầm dao', phrase])).toBe(phrase);
  });

  it.each([
    ['a word with a different mark', 'mặt có sưng', ['có súng']],
    ['part of a longer word', 'có súngx', ['có súng']],
    ['across punctuation', 'nó có, súng thì không', ['có súng']],
    ['across a line break', 'nó có\nsúng thì không', ['có súng']],
  ])('does not find %s', (_what, text, phrases) => {
    expect(find(text, phrases)).toBeUndefined();
  });

  it('does not join the end of one text with the start of the next', () => {
    expect(findVietnamesePhrase(prepareVietnameseText(['nó có', 'súng']), ['có súng'])).toBeUndefined();
  });

  it('returns the first listed phrase that occurs, as written', () => {
    expect(find('cam dao va co sung', ['có súng', 'cầm dao'])).toBe('có súng');
  });

  it('blanks out ignore phrases before searching, without joining what is left', () => {
    expect(find('no co sung suong gi dau', ['có súng'], ['sung sướng'])).toBeUndefined();
    expect(find('nó có sung sướng gì', ['có súng'], ['sung sướng'])).toBeUndefined();
    expect(find('nó có sung sướng gì', ['có gì'], ['sung sướng'])).toBeUndefined();
    expect(find('nó có súng, sung sướng lắm', ['có súng'], ['sung sướng'])).toBe('có súng');
  });
});
