import { describe, expect, it } from 'vitest';
import { catalogueKeys, hasText, translate } from '../../../src/platform/text/translate.ts';

describe('translate', () => {
  it('renders a text in the requested language', () => {
    expect(translate('vi', { key: 'answer.yes' })).toBe('Có');
    expect(translate('en', { key: 'answer.yes' })).toBe('Yes');
  });

  it('fills placeholders with strings and numbers', () => {
    expect(translate('en', { key: 'receipt.submitted', params: { code: 'ABCD', register: 'TB-1' } })).toBe(
      '✅ Your report has been received.\nRegister number: TB-1\nReceipt code: ABCD',
    );
    expect(translate('vi', { key: 'evidence.count', params: { count: 3 } })).toBe('Đã nhận 3 tệp.');
  });

  it('translates a nested text in the same language', () => {
    const text = { key: 'review.category', params: { value: { key: 'category.drugs' } } };
    expect(translate('vi', text)).toBe('• Loại tội phạm: Ma túy');
    expect(translate('en', text)).toBe('• Kind of crime: Drugs');
  });

  it('translates nested texts several levels deep', () => {
    const label = { key: 'help_kind.selected', params: { label: { key: 'help_kind.rescue' } } };
    expect(translate('en', { key: 'review.help', params: { value: label } })).toBe(
      '• Help needed: ✅ Rescue',
    );
  });

  it('leaves a placeholder without a value as it is', () => {
    expect(translate('en', { key: 'evidence.count' })).toBe('{count} file(s) received.');
  });

  it('fills the same placeholder everywhere with a value that looks like one', () => {
    expect(translate('en', { key: 'place.no_province_match', params: { query: '{query}' } })).toBe(
      'No province matches "{query}". Please type it again.',
    );
  });

  it('throws on a key that does not exist rather than show it to a citizen', () => {
    expect(() => translate('vi', { key: 'no.such_key' })).toThrow('missing text no.such_key in locales/vi');
  });

  it('throws on a nested key that does not exist', () => {
    expect(() =>
      translate('en', { key: 'review.category', params: { value: { key: 'category.nope' } } }),
    ).toThrow('category.nope');
  });

  it('lists the keys of a catalogue', () => {
    expect(catalogueKeys('vi')).toContain('menu.question');
    expect(catalogueKeys('en')).toContain('menu.question');
  });

  it('says whether a key exists in both languages', () => {
    expect(hasText('menu.question')).toBe(true);
    expect(hasText('menu.nothing')).toBe(false);
  });
});
