import { describe, expect, it } from 'vitest';
import { matchChoice } from '../../../src/citizen/engine/match-choice.ts';
import type { ReplyChoice } from '../../../src/citizen/engine/reply.ts';
import { translate } from '../../../src/platform/text/translate.ts';

const labelOf = (c: ReplyChoice) => ('literal' in c.label ? c.label.literal : translate('vi', c.label));
const choices: ReplyChoice[] = [
  { id: 'drugs', label: { literal: 'Ma túy' } },
  { id: 'theft', label: { literal: 'Trộm cắp, cướp giật' } },
  { id: 'loan_shark', label: { literal: 'Tín dụng đen' } },
  { id: 'today', label: { literal: 'Hôm nay' } },
  { id: 'yesterday', label: { literal: 'Hôm qua' } },
  { id: 'done', label: { literal: '✅ Xong' } },
  { id: 'no', label: { literal: 'Không' } },
  { id: 'unknown', label: { literal: 'Không rõ' } },
];

describe('matchChoice', () => {
  it.each([
    ['1', 'drugs'],
    [' 2 ', 'theft'],
    ['8', 'unknown'],
    ['2. Trộm cắp', 'theft'],
    ['3) tin dung den', 'loan_shark'],
  ])('reads the number in %j', (text, id) => {
    expect(matchChoice(text, choices, labelOf)).toBe(id);
  });

  it.each(['0', '9', '42'])('finds nothing for the number %j outside the list', (text) => {
    expect(matchChoice(text, choices, labelOf)).toBeNull();
  });

  it.each([
    ['ma tuy', 'drugs'],
    ['MA TÚY', 'drugs'],
    ['Ma tu\u0301y', 'drugs'],
    ['tin dung den', 'loan_shark'],
    ['Ti\u0301n du\u0323ng đen', 'loan_shark'],
    ['trom cap', 'theft'],
  ])('reads the label %j with or without diacritics', (text, id) => {
    expect(matchChoice(text, choices, labelOf)).toBe(id);
  });

  it('ignores the emoji on a label', () => {
    expect(matchChoice('xong', choices, labelOf)).toBe('done');
  });

  it('prefers the label typed whole over a longer one that starts with it', () => {
    expect(matchChoice('khong', choices, labelOf)).toBe('no');
    expect(matchChoice('khong ro', choices, labelOf)).toBe('unknown');
  });

  it('finds nothing when two labels match equally well', () => {
    expect(matchChoice('hom', choices, labelOf)).toBeNull();
  });

  it.each(['', '   ', 'qwxz', '!!!'])('finds nothing for %j', (text) => {
    expect(matchChoice(text, choices, labelOf)).toBeNull();
  });

  it('uses the translator it is given', () => {
    const keyed: ReplyChoice[] = [{ id: 'drugs', label: { key: 'category.drugs' } }];
    const english = (c: ReplyChoice) => ('literal' in c.label ? c.label.literal : translate('en', c.label));
    expect(matchChoice('drugs', keyed, english)).toBe('drugs');
    expect(matchChoice('drugs', keyed, labelOf)).toBeNull();
  });
});
