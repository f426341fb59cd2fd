import { csvBom, csvLine } from '../../platform/text/csv-lines.ts';
import type { DailyChainHead } from './daily-chain-heads.ts';

/**
 * The daily heads as CSV for someone outside the system to keep: the BOM (spreadsheets then read
 * UTF-8), a header, then one line per day (Vietnam's calendar), oldest first. Every cell is a
 * date, a count or hex, so none needs quoting.
 * @example chainHeadsCsv([{ day: '2026-12-07', entries: 3, head: 'ab…' }]) // '\uFEFFdate,entries,head\r\n2026-12-07,3,ab…\r\n'
 */
export function chainHeadsCsv(heads: readonly DailyChainHead[]): string {
  const lines = heads.map((h) => csvLine([h.day, String(h.entries), h.head]));
  return `${csvBom}${csvLine(['date', 'entries', 'head'])}${lines.join('')}`;
}
