import { csvCell } from './csv-cell.ts';

/** UTF-8's byte order mark: spreadsheets then read the Vietnamese text as UTF-8. */
export const csvBom = '\uFEFF';

/** One CSV line (CRLF), every cell through csvCell. */
export function csvLine(cells: readonly (string | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * A CSV file a line at a time, as the exports stream it: the BOM and the header, then one line per
 * row, every cell guarded against formulas.
 * @example Readable.from(csvLines(['a', 'b'], rows))
 */
export async function* csvLines(
  header: readonly string[],
  rows: AsyncIterable<readonly (string | null)[]> | Iterable<readonly (string | null)[]>,
): AsyncGenerator<string> {
  yield `${csvBom}${csvLine(header)}`;
  for await (const row of rows) yield csvLine(row);
}
