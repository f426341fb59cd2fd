import { describe, expect, it } from 'vitest';
import { listProvinces, listWards } from '../../../src/citizen/places/administrative-units.ts';
import { getPoliceUnit, listPoliceUnits } from '../../../src/triage/units/police-units.ts';

describe('police units', () => {
  it('has one provincial unit per province and one commune unit per commune, ward and special zone', () => {
    const units = listPoliceUnits();
    expect(units).toHaveLength(3355);
    expect(units.filter((u) => u.level === 'province')).toHaveLength(34);
    expect(units.filter((u) => u.level === 'commune')).toHaveLength(3321);
    const provinceCodes = listProvinces().map((p) => p.code);
    expect(units.filter((u) => u.level === 'province').map((u) => u.provinceCode)).toEqual(provinceCodes);
    const wardCodes = provinceCodes.flatMap((code) => listWards(code).map((w) => w.code));
    expect(units.filter((u) => u.level === 'commune').map((u) => u.wardCode)).toEqual(wardCodes);
  });

  it('gives every unit a unique id', () => {
    const ids = listPoliceUnits().map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts every commune unit under the provincial unit of its own province', () => {
    for (const unit of listPoliceUnits().filter((u) => u.level === 'commune')) {
      const parent = unit.parentId === null ? undefined : getPoliceUnit(unit.parentId);
      expect(parent?.level, unit.id).toBe('province');
      expect(parent?.provinceCode, unit.id).toBe(unit.provinceCode);
    }
    expect(listPoliceUnits().filter((u) => u.level === 'province' && u.parentId !== null)).toEqual([]);
  });

  it('names units the official way', () => {
    expect(getPoliceUnit('PROV-01')).toEqual({
      id: 'PROV-01',
      name: 'Công an thành phố Hà Nội',
      level: 'province',
      provinceCode: '01',
      wardCode: null,
      parentId: null,
    });
    expect(getPoliceUnit('PROV-40')?.name).toBe('Công an tỉnh Nghệ An');
    expect(getPoliceUnit('COMM-00004')).toEqual({
      id: 'COMM-00004',
      name: 'Công an phường Ba Đình',
      level: 'commune',
      provinceCode: '01',
      wardCode: '00004',
      parentId: 'PROV-01',
    });
    expect(getPoliceUnit('COMM-03194')?.name).toBe('Công an xã Nậm Nèn');
    expect(getPoliceUnit('COMM-31078')?.name).toBe('Công an đặc khu Phú Quốc');
  });

  it('finds no unit for an unknown id', () => {
    expect(getPoliceUnit('PROV-02')).toBeUndefined();
    expect(getPoliceUnit('00004')).toBeUndefined();
  });
});
