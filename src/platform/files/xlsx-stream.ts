import type { Writable } from 'node:stream';
import { ZipStream } from './zip-stream.ts';

/** A cell: text (never read as a formula: inline strings), a number, or empty. */
export type XlsxCell = string | number | null;

const fixedParts: [string, string][] = [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  ],
  [
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  ],
  [
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  ],
  [
    'xl/styles.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>',
  ],
];

/**
 * Streams a one-sheet XLSX workbook: a bold header row, then `rows` as they come (flat memory
 * whatever their number). Text cells are inline strings, so "=1+1" stays text in every
 * spreadsheet program (no formula injection); characters XML cannot carry are dropped.
 * @example await writeXlsx(reply.raw, 'Tin báo', ['Số', 'Đơn vị'], rowsOf(query));
 */
export async function writeXlsx(
  out: Writable,
  sheetName: string,
  header: readonly string[],
  rows: AsyncIterable<readonly XlsxCell[]> | Iterable<readonly XlsxCell[]>,
): Promise<void> {
  const zip = new ZipStream(out);
  for (const [name, xml] of fixedParts) await zip.add(name, [xml]);
  await zip.add('xl/workbook.xml', [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ]);
  await zip.add('xl/worksheets/sheet1.xml', sheetXml(header, rows));
  await zip.finish();
}

async function* sheetXml(
  header: readonly string[],
  rows: AsyncIterable<readonly XlsxCell[]> | Iterable<readonly XlsxCell[]>,
): AsyncIterable<string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  yield rowXml(header, 1);
  let batch = '';
  for await (const row of rows) {
    batch += rowXml(row, 0);
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}</sheetData></worksheet>`;
}

function rowXml(cells: readonly XlsxCell[], style: 0 | 1): string {
  const s = style ? ' s="1"' : '';
  const xml = cells.map((cell) => {
    if (cell === null) return '<c/>';
    if (typeof cell === 'number' && Number.isFinite(cell)) return `<c${s}><v>${cell}</v></c>`;
    return `<c t="inlineStr"${s}><is><t xml:space="preserve">${xmlText(String(cell))}</t></is></c>`;
  });
  return `<row>${xml.join('')}</row>`;
}

/** Characters XML 1.0 cannot carry: C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to drop.
const notInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML and drops the control characters XML 1.0 forbids. */
function xmlText(text: string): string {
  return text
    .replace(notInXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
