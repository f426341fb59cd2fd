import { describe, expect, it } from 'vitest';
import { foldForMatch, matchScore } from '../../../src/platform/text/match-folded.ts';

describe('foldForMatch', () => {
  it('drops apostrophes and turns other punctuation into word breaks', () => {
    expect(foldForMatch("Xã Ea H'Leo")).toBe('xa ea hleo');
    expect(foldForMatch('Xã Ea H’Leo')).toBe('xa ea hleo');
    expect(foldForMatch('TP.HCM')).toBe('tp hcm');
    expect(foldForMatch('Bà Rịa - Vũng Tàu')).toBe('ba ria vung tau');
  });

  it('keeps marks of decomposed input until folding removes them', () => {
    expect(foldForMatch('to\u0302\u0301, gia\u0301c!')).toBe('to giac');
  });
});

describe('matchScore', () => {
  it('matches text typed without diacritics', () => {
    expect(matchScore('to giac', 'tố giác')).toBeGreaterThan(0);
    expect(matchScore('TO GIAC', 'Tố giác')).toBe(matchScore('tố giác', 'Tố giác'));
  });

  it('ignores punctuation on both sides', () => {
    expect(matchScore('to giac!!!', 'Tố giác.')).toBe(matchScore('to giac', 'to giac'));
  });

  it('returns 0 when nothing matches or the query is blank', () => {
    expect(matchScore('mua ban', 'Tố giác')).toBe(0);
    expect(matchScore('   ', 'Tố giác')).toBe(0);
    expect(matchScore('...', 'Tố giác')).toBe(0);
  });

  it('ranks exact > spacing-only difference > whole-word prefix > whole words inside > prefix > word prefix > spaceless prefix > substring > spaceless substring', () => {
    const candidate = 'mua ban nguoi';
    const ranked = [
      matchScore('mua ban nguoi', candidate),
      matchScore('muabannguoi', candidate),
      matchScore('mua ban', candidate),
      matchScore('ban nguoi', candidate),
      matchScore('mua ba', candidate),
      matchScore('ngu', candidate),
      matchScore('muab', candidate),
      matchScore('guoi', candidate),
      matchScore('anng', candidate),
    ];
    expect(ranked.every((score) => score > 0)).toBe(true);
    expect([...ranked].sort((a, b) => b - a)).toEqual(ranked);
    expect(new Set(ranked).size).toBe(ranked.length);
  });

  it('does not match one or two letters in the middle of a word', () => {
    expect(matchScore('ua', 'mua ban')).toBe(0);
    expect(matchScore('uab', 'mua ban')).toBeGreaterThan(0);
  });

  it('matches across missing spaces', () => {
    expect(matchScore('hanoi', 'Hà Nội')).toBeGreaterThan(matchScore('ha', 'Hà Nội'));
    expect(matchScore('hochi', 'Hồ Chí Minh')).toBeGreaterThan(0);
  });
});
