/** A cell a spreadsheet would read as a formula (or that hides one behind a tab or a line break). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, and a cell that
 * begins like a formula (= + - @ tab CR) prefixed with a single quote, so opening the file in a
 * spreadsheet never runs what a cell says.
 * @example csvCell('=HYPERLINK("x")') // "'=HYPERLINK(""x"")" in quotes
 */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const guarded = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}
