import { describe, expect, it } from 'vitest';
import { foldDiacritics } from '../../../src/platform/text/fold-diacritics.ts';

describe('foldDiacritics', () => {
  it.each([
    ['Tố Giác', 'to giac'],
    ['Đắk Lắk', 'dak lak'],
    ['đường dây mua bán người', 'duong day mua ban nguoi'],
    ['ĐỒNG THÁP', 'dong thap'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Ðà Nẵng', 'da nang'], // Ð (U+00D0) in place of Đ
  ])('folds %s to %s', (input, expected) => {
    expect(foldDiacritics(input)).toBe(expected);
  });

  it('folds decomposed and composed input alike', () => {
    expect(foldDiacritics('To\u0302\u0301 gia\u0301c')).toBe(foldDiacritics('Tố giác'));
  });

  it('collapses and trims whitespace', () => {
    expect(foldDiacritics('  Hà \t Nội \n ')).toBe('ha noi');
  });
});
