import { foldForMatch, matchScore } from '../../platform/text/match-folded.ts';
import { listWards, type Ward } from './administrative-units.ts';

// The type written before the name: "phường", "xã", "đặc khu", abbreviated "p." / "x." / "đk",
// and the pre-2025 "thị trấn" / "tt". "p12" is "phường 12".
const typePrefix = /^(?:(?:phuong|xa|dac khu|thi tran|p|x|dk|tt)\s(?=\S)|(?:phuong|p)(?=\d))/;

// Ties in natural order, so "Hà Giang 1" comes before "Hà Giang 2".
const byName = new Intl.Collator('vi', { numeric: true });

/**
 * Wards, communes and special zones of one province matching free text, best first, at most
 * `limit`. Diacritics, case, punctuation and the type prefix do not matter ("ba dinh" finds
 * "Phường Ba Đình"); numbers do ("ha giang 1" does not find "Phường Hà Giang 2"). Empty for blank
 * text or an unknown province.
 */
export function searchWards(provinceCode: string, query: string, limit = 8): Ward[] {
  const q = foldForMatch(query).replace(typePrefix, '');
  if (q === '') return [];
  return listWards(provinceCode)
    .map((ward) => {
      const name = foldForMatch(ward.name).replace(typePrefix, '');
      return { ward, name, score: matchScore(q, name) };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.name.length - b.name.length || byName.compare(a.name, b.name))
    .slice(0, limit)
    .map((m) => m.ward);
}
