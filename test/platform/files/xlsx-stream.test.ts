import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../../src/platform/files/xlsx-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'tinbao-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a streamed XLSX workbook', () => {
  it('is a valid ZIP that two readers accept, with Vietnamese text, numbers, and formulas kept as text', async () => {
    const path = join(dir, 'bao-cao.xlsx');
    const out = createWriteStream(path);
    await writeXlsx(
      out,
      'Tin báo tháng 12/2026',
      ['Số đăng ký', 'Đơn vị', 'Số ngày'],
      [
        ['TB-2026-000001', 'Công an phường Hoàn Kiếm', 3],
        ['=HYPERLINK("http://evil.example")', 'a < b & "c"\u0001', null],
        ['TB-2026-000002', 'Công an xã Đắk Lắk', 12.5],
      ],
    );
    out.end();
    await finished(out);
    expect(execFileSync('unzip', ['-tq', path]).toString()).toContain('No errors detected');
    const check = execFileSync('python3', [
      '-c',
      'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), sorted(z.namelist()))',
      path,
    ]).toString();
    expect(check).toContain(
      "None ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']",
    );
    const sheet = execFileSync('unzip', ['-p', path, 'xl/worksheets/sheet1.xml']).toString('utf8');
    expect(sheet).toContain('<c t="inlineStr" s="1"><is><t xml:space="preserve">Số đăng ký</t></is></c>');
    expect(sheet).toContain('Công an xã Đắk Lắk');
    expect(sheet).toContain('<c><v>12.5</v></c>');
    // An inline string is never a formula, whatever it starts with; XML's special characters escaped.
    expect(sheet).toContain('<t xml:space="preserve">=HYPERLINK(&quot;http://evil.example&quot;)</t>');
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('a &lt; b &amp; &quot;c&quot;</t>');
    const workbook = execFileSync('unzip', ['-p', path, 'xl/workbook.xml']).toString('utf8');
    expect(workbook).toContain('name="Tin báo tháng 12 2026"');
  });

  it('pulls its rows only as fast as the reader takes the file (flat memory at any length)', async () => {
    let produced = 0;
    let writtenBytes = 0;
    /** (rows produced, bytes the reader had taken) at each row. */
    const samples: [number, number][] = [];
    // A slow reader: a chunk each 10 ms, far slower than the rows come.
    const reader = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        writtenBytes += chunk.length;
        setTimeout(done, 10);
      },
    });
    async function* rows() {
      for (let i = 0; i < 60_000; i++) {
        produced += 1;
        samples.push([produced, writtenBytes]);
        yield [`TB-2026-${String(i).padStart(6, '0')}`, `Đơn vị ${i % 997}`, `${Math.random()}`, i];
      }
    }
    await writeXlsx(reader, 'Tải', ['a', 'b', 'c', 'd'], rows());
    reader.end();
    await finished(reader);
    expect(produced).toBe(60_000);
    expect(writtenBytes).toBeGreaterThan(1_000_000);
    // Rows run ahead of what the reader took by a few buffers' worth, never by the whole export.
    const bytesPerRow = writtenBytes / produced;
    const mostAhead = Math.max(...samples.map(([rows, bytes]) => rows - bytes / bytesPerRow));
    expect(mostAhead).toBeLessThan(5_000);
  });
});
