import {
  listProvinces,
  listWards,
  type Province,
  type Ward,
} from '../../citizen/places/administrative-units.ts';

/**
 * A police unit that receives reports. Since the 2025 reform there are two levels: one provincial
 * police per province and one commune police per commune, ward or special zone.
 */
export interface PoliceUnit {
  /** `PROV-<province code>` or `COMM-<ward code>`: stable, derived from the official codes. */
  id: string;
  /** "Công an tỉnh Nghệ An", "Công an thành phố Hà Nội", "Công an phường Ba Đình". */
  name: string;
  level: 'province' | 'commune';
  provinceCode: string;
  /** The ward a commune unit serves; null for a provincial unit. */
  wardCode: string | null;
  /** The provincial unit above a commune unit; null for a provincial unit. */
  parentId: string | null;
}

/** The id of the provincial police of a province. Example: `provinceUnitId('01')` → `'PROV-01'`. */
export function provinceUnitId(provinceCode: string): string {
  return `PROV-${provinceCode}`;
}

/** The id of the police of a commune, ward or special zone. Example: `'COMM-00004'`. */
export function communeUnitId(wardCode: string): string {
  return `COMM-${wardCode}`;
}

// Official unit names put the administrative type in lower case after "Công an": "Công an tỉnh
// Nghệ An", "Công an thành phố Hà Nội", "Công an xã Nậm Nèn", "Công an đặc khu Phú Quốc". Province
// names in the list carry "Thành phố" for cities and no type for provinces.
function provinceUnitName(province: Province): string {
  const type = province.name === province.shortName ? 'tỉnh' : 'thành phố';
  return `Công an ${type} ${province.shortName}`;
}

const wardType = /^(Phường|Xã|Đặc khu)\s/u;

function communeUnitName(ward: Ward): string {
  return `Công an ${ward.name.replace(wardType, (type) => type.toLowerCase())}`;
}

interface UnitIndex {
  units: readonly PoliceUnit[];
  byId: ReadonlyMap<string, PoliceUnit>;
}

function build(): UnitIndex {
  const units: PoliceUnit[] = [];
  for (const province of listProvinces()) {
    const parentId = provinceUnitId(province.code);
    units.push(
      Object.freeze({
        id: parentId,
        name: provinceUnitName(province),
        level: 'province',
        provinceCode: province.code,
        wardCode: null,
        parentId: null,
      }),
    );
    for (const ward of listWards(province.code)) {
      units.push(
        Object.freeze({
          id: communeUnitId(ward.code),
          name: communeUnitName(ward),
          level: 'commune',
          provinceCode: province.code,
          wardCode: ward.code,
          parentId,
        }),
      );
    }
  }
  return { units: Object.freeze(units), byId: new Map(units.map((u) => [u.id, u])) };
}

let cached: UnitIndex | undefined;

function index(): UnitIndex {
  cached ??= build();
  return cached;
}

/**
 * Every police unit derived from the official post-2025 administrative list: the 34 provincial
 * units, each followed by its commune units (3,321 in all), in official code order. Built on first
 * use.
 */
export function listPoliceUnits(): readonly PoliceUnit[] {
  return index().units;
}

/** The unit with this id, or undefined. Example: `getPoliceUnit('PROV-79')?.name`. */
export function getPoliceUnit(id: string): PoliceUnit | undefined {
  return index().byId.get(id);
}
