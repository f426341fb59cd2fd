import { foldForMatch, matchScore } from '../../platform/text/match-folded.ts';
import { listFormerProvinceNames, listProvinces, type Province } from './administrative-units.ts';

// Written before the name, with or without dots or diacritics: "Thành phố", "TP.", "T.P.", "Tỉnh".
const typePrefix = /^(?:thanh pho|tp|t p|tinh)\s(?=\S)/;

// Everyday names and abbreviations that are not in the official list.
const aliasesByCode: Readonly<Record<string, readonly string[]>> = {
  '01': ['hn', 'tphn'],
  '46': ['thua thien hue'],
  '79': ['hcm', 'hcmc', 'tphcm', 'sai gon', 'sg'],
};

// A pre-2025 province name is an answer people give, but a current name that matches ranks above it.
const formerNameWeight = 0.5;

function score(query: string, province: Province): number {
  const current = [province.shortName, ...(aliasesByCode[province.code] ?? [])];
  const best = Math.max(...current.map((name) => matchScore(query, name)));
  const former = listFormerProvinceNames(province.code).map((name) => matchScore(query, name));
  return Math.max(best, formerNameWeight * Math.max(0, ...former));
}

/**
 * Provinces matching free text, best first, at most `limit`. Diacritics, case, punctuation and a
 * leading "thành phố" / "tp" / "tỉnh" do not matter; common names ("sài gòn", "hcm") and
 * pre-2025 province names ("bình dương") are understood. Empty for blank text.
 * Example: `searchProvinces('tp hcm')[0].name` → `'Thành phố Hồ Chí Minh'`.
 */
export function searchProvinces(query: string, limit = 8): Province[] {
  const folded = foldForMatch(query);
  const q = folded.replace(typePrefix, '');
  if (q === '') return [];
  return listProvinces()
    .map((province) => ({ province, score: score(q, province) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.province.shortName.length - b.province.shortName.length)
    .slice(0, limit)
    .map((m) => m.province);
}
