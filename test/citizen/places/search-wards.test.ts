import { describe, expect, it } from 'vitest';
import { searchWards } from '../../../src/citizen/places/search-wards.ts';

const names = (provinceCode: string, query: string, limit?: number) =>
  searchWards(provinceCode, query, limit).map((w) => w.name);

describe('searchWards', () => {
  it.each([
    ['ba dinh'],
    ['Ba Đình'],
    ['phuong ba dinh'],
    ['Phường Ba Đình'],
    ['p. ba dinh'],
    ['P.Ba Đình'],
    ['badinh'],
  ])('finds Phường Ba Đình in Hà Nội for %s', (query) => {
    expect(names('01', query)[0]).toBe('Phường Ba Đình');
  });

  it('finds communes and special zones without their type', () => {
    expect(names('79', 'go vap')[0]).toBe('Phường Gò Vấp');
    expect(names('91', 'phu quoc')[0]).toBe('Đặc khu Phú Quốc');
    expect(names('91', 'dac khu phu quoc')[0]).toBe('Đặc khu Phú Quốc');
    expect(names('66', 'ea hleo')[0]).toBe('Xã Ea H’Leo');
    expect(names('66', "x. ea h'leo")[0]).toBe('Xã Ea H’Leo');
  });

  it('finds a name the source stored decomposed', () => {
    expect(names('79', 'an hoi tay')[0]).toBe('Phường An Hội Tây');
  });

  it('treats numbers in names as significant', () => {
    expect(names('08', 'ha giang 1')).toEqual(['Phường Hà Giang 1']);
    expect(names('08', 'ha giang 2')).toEqual(['Phường Hà Giang 2']);
    expect(names('08', 'ha giang')).toEqual(['Phường Hà Giang 1', 'Phường Hà Giang 2']);
    expect(names('68', 'phuong 2 bao loc')[0]).toBe('Phường 2 Bảo Lộc');
    expect(names('68', 'p2 bao loc')[0]).toBe('Phường 2 Bảo Lộc');
  });

  it('searches only the province asked for', () => {
    expect(names('79', 'ba dinh')).toEqual([]);
    expect(searchWards('01', 'ba').every((w) => w.provinceCode === '01')).toBe(true);
  });

  it('returns at most limit results', () => {
    expect(names('79', 'tan', 3)).toHaveLength(3);
    expect(names('79', 'tan')).toHaveLength(8);
  });

  it('searches a type word typed alone as part of a name', () => {
    expect(names('01', 'phuong')).toContain('Phường Phương Liệt');
  });

  it('returns nothing for blank text or an unknown province', () => {
    expect(names('01', '')).toEqual([]);
    expect(names('99', 'ba dinh')).toEqual([]);
  });
});
