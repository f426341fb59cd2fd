import { describe, expect, it } from 'vitest';
import {
  getProvince,
  getWard,
  listFormerProvinceNames,
  listProvinces,
  listWards,
} from '../../../src/citizen/places/administrative-units.ts';

describe('administrative units', () => {
  it('loads the 34 provinces and 3,321 wards of the 2025 list', () => {
    const provinces = listProvinces();
    expect(provinces).toHaveLength(34);
    const wardCount = provinces.reduce((sum, p) => sum + listWards(p.code).length, 0);
    expect(wardCount).toBe(3321);
  });

  it('normalises every name to NFC, including those decomposed in the source', () => {
    const names = listProvinces().flatMap((p) => [
      p.name,
      p.shortName,
      ...listWards(p.code).map((w) => w.name),
    ]);
    expect(names.filter((name) => name !== name.normalize('NFC'))).toEqual([]);
    expect(getWard('03194')?.name).toBe('Xã Nậm Nèn'.normalize('NFC'));
    expect(getWard('26884')?.name).toBe('Phường Gò Vấp');
  });

  it('finds a province by code with its name and short name', () => {
    expect(getProvince('01')).toEqual({ code: '01', name: 'Thành phố Hà Nội', shortName: 'Hà Nội' });
    expect(getProvince('40')).toEqual({ code: '40', name: 'Nghệ An', shortName: 'Nghệ An' });
    expect(getProvince('99')).toBeUndefined();
  });

  it('finds a ward by code with its province', () => {
    expect(getWard('00004')).toEqual({ code: '00004', name: 'Phường Ba Đình', provinceCode: '01' });
    expect(getWard('nope')).toBeUndefined();
  });

  it('lists only the wards of the province asked for, and none for an unknown one', () => {
    const wards = listWards('01');
    expect(wards.length).toBeGreaterThan(100);
    expect(wards.every((w) => w.provinceCode === '01')).toBe(true);
    expect(listWards('99')).toEqual([]);
  });

  it('gives every ward a province that exists', () => {
    for (const province of listProvinces()) {
      for (const ward of listWards(province.code)) expect(getProvince(ward.provinceCode)).toBe(province);
    }
  });

  it('returns the same cached objects on every call', () => {
    expect(listProvinces()).toBe(listProvinces());
    expect(getProvince('79')).toBe(getProvince('79'));
  });

  it('knows the pre-2025 provinces merged into each one', () => {
    expect([...listFormerProvinceNames('79')].sort()).toEqual(['Bà Rịa - Vũng Tàu', 'Bình Dương']);
    expect(listFormerProvinceNames('37')).toEqual(expect.arrayContaining(['Hà Nam', 'Nam Định']));
    expect(listFormerProvinceNames('01')).toEqual([]);
  });
});
