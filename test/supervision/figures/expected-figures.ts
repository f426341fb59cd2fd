import type { RateFigureName } from '../../../src/supervision/figures/rate-figures.ts';

/** Reports submitted in November 2026 under PROV-T1 (the province and its commune). */
const submittedInNovember = [
  'a1',
  'a2',
  'a3',
  'a4',
  'a5',
  'a7',
  'a8',
  'a9',
  'a10',
  'b4',
  'b5',
  'b6',
  'b7',
  'b13',
  'b14',
  'b15',
  'b16',
  'b17',
  't1',
  't2',
  't3',
  't4',
  't6',
];
const trafficking = ['t1', 't2', 't3', 't4', 't6'];
const toResolve = ['b1', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8', 'b9', 'b10', 'b11', 'b12', 'b13', 'b14', 't4'];

/**
 * Worked by hand from the lines of figure-seed.ts, for PROV-T1's subtree and November 2026: the
 * keys of the reports each side of each figure counts.
 */
export const novemberFigures: Record<RateFigureName, { numerator: string[]; denominator: string[] }> = {
  // Not a2 (25 h), a3 and t3 (never classified).
  classified_within_24h: {
    numerator: submittedInNovember.filter((k) => !['a2', 'a3', 't3'].includes(k)),
    denominator: submittedInNovember,
  },
  // a2's notice came a day late, a9 has only the procuracy's, the others none.
  receipt_notice_on_time: { numerator: ['a1', 'a3', 'a5', 'a7', 'a8'], denominator: submittedInNovember },
  // Not b2 (decided in October), b15 (accepted in December), a8 (transferred), b16 and b17 (never accepted).
  resolution_rate: { numerator: ['b1', 'b4', 'b11', 't4'], denominator: toResolve },
  // b9 and b13 suspended in November resolve; b8 and b12 stayed suspended all month.
  resolution_rate_with_suspensions: {
    numerator: ['b1', 'b4', 'b11', 't4', 'b9', 'b13'],
    denominator: toResolve.filter((k) => !['b8', 'b12'].includes(k)),
  },
  // b5 decided in December (limit cleared); b8 and b9 suspended (no limit); b7, b12–b14 later limits.
  overdue_rate: {
    numerator: ['b3', 'b6', 'b10'],
    denominator: ['b3', 'b5', 'b6', 'b7', 'b8', 'b9', 'b10', 'b12', 'b13', 'b14'],
  },
  trafficking_classified: { numerator: ['t1', 't2', 't4', 't6'], denominator: trafficking },
  // t1 verified, t2 referred to support, t4 decided.
  trafficking_handled: { numerator: ['t1', 't2', 't4'], denominator: trafficking },
  // a3 and t3 never classified, a10 follows a missing register number.
  intake_completeness: {
    numerator: submittedInNovember.filter((k) => !['a3', 't3', 'a10'].includes(k)),
    denominator: submittedInNovember,
  },
};
