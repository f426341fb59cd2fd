import { describe, expect, it } from 'vitest';
import { searchProvinces } from '../../../src/citizen/places/search-provinces.ts';

describe('searchProvinces', () => {
  it.each([
    ['ha noi', '01'],
    ['Hà Nội', '01'],
    ['hanoi', '01'],
    ['thanh pho ha noi', '01'],
    ['TP. Hà Nội', '01'],
    ['hn', '01'],
    ['ho chi minh', '79'],
    ['Thành phố Hồ Chí Minh', '79'],
    ['hcm', '79'],
    ['tp hcm', '79'],
    ['TP.HCM', '79'],
    ['tphcm', '79'],
    ['sai gon', '79'],
    ['Sài Gòn', '79'],
    ['saigon', '79'],
    ['hue', '46'],
    ['thua thien hue', '46'],
    ['da nang', '48'],
    ['Đà Nẵng', '48'],
    ['danang', '48'],
    ['dak lak', '66'],
    ['Đắk Lắk', '66'],
    ['tinh nghe an', '40'],
    ['Tỉnh Nghệ An', '40'],
    ['can tho', '92'],
    ['hai phong', '31'],
    ['khanh hoa', '56'],
    ['Nghe\u0323\u0302 An', '40'], // decomposed, marks in canonical order
    ['binh duong', '79'], // merged into Hồ Chí Minh City in 2025
    ['vung tau', '79'],
    ['ha nam', '37'], // merged into Ninh Bình
  ])('puts %s first as province %s', (query, code) => {
    expect(searchProvinces(query)[0]?.code).toBe(code);
  });

  it('ranks a current name above a pre-2025 name that matches as well', () => {
    // "Ninh" is the current Ninh Bình and Bắc Ninh; "Ninh Thuận" is now part of Khánh Hòa.
    const codes = searchProvinces('ninh').map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['56', '37', '24']));
    expect(codes.indexOf('56')).toBeGreaterThan(codes.indexOf('37'));
    expect(codes.indexOf('56')).toBeGreaterThan(codes.indexOf('24'));
  });

  it('returns every province that starts with the words typed', () => {
    const names = searchProvinces('quang').map((p) => p.shortName);
    expect(names).toEqual(expect.arrayContaining(['Quảng Ninh', 'Quảng Trị', 'Quảng Ngãi']));
  });

  it('returns at most limit results', () => {
    // Three Quảng…, Tuyên Quang, and Đà Nẵng through the former Quảng Nam.
    expect(searchProvinces('quang')).toHaveLength(5);
    expect(searchProvinces('quang', 2)).toHaveLength(2);
    expect(searchProvinces('h').length).toBe(8);
  });

  it('returns nothing for blank or unmatched text', () => {
    expect(searchProvinces('')).toEqual([]);
    expect(searchProvinces(' - ')).toEqual([]);
    expect(searchProvinces('paris')).toEqual([]);
  });
});
