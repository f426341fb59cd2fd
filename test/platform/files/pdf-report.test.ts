import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePdfReport } from '../../../src/platform/files/pdf-report.ts';

const dir = mkdtempSync(join(tmpdir(), 'tinbao-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a PDF report', () => {
  it('renders Vietnamese text with its tone marks, embedded, readable by a PDF text extractor, over several pages', async () => {
    const path = join(dir, 'bao-cao-thang.pdf');
    const rows = Array.from({ length: 120 }, (_, i) => [
      `Công an xã Đắk Ơ ${i + 1}`,
      `${90 + (i % 10)},${i % 10}%`,
      `${i * 3}`,
    ]);
    await writePdfReport(createWriteStream(path), {
      title: 'Báo cáo tháng 12/2026: tiếp nhận và giải quyết tố giác, tin báo về tội phạm',
      subtitle: 'Công an tỉnh Hà Giang và các đơn vị trực thuộc',
      footer: 'Tin Báo · lập lúc 09:00 07/12/2026 · trang chứng thực bằng chuỗi băm',
      sections: [
        { heading: 'Tỷ lệ giải quyết', table: [['Chỉ tiêu', 'Tỷ lệ', 'Số tin'], ...rows] },
        {
          heading: 'Ghi chú',
          paragraphs: ['Tạm đình chỉ không được tính là đã giải quyết (công thức của Viện kiểm sát).'],
        },
      ],
    });
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The font travels with the file (a subset of DejaVu Sans), so no reader needs it installed.
    expect(bytes.toString('latin1')).toMatch(/\/FontFile2/);
    expect(bytes.toString('latin1')).toMatch(/DejaVuSans/);
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString('utf8').normalize('NFC');
    for (const phrase of [
      'Báo cáo tháng 12/2026',
      'Tỷ lệ giải quyết',
      'Công an xã Đắk Ơ 120',
      'Tạm đình chỉ không được tính là đã giải quyết',
      'lập lúc 09:00 07/12/2026',
    ])
      expect(text).toContain(phrase);
    const pages = execFileSync('pdfinfo', [path])
      .toString()
      .match(/Pages:\s+(\d+)/)?.[1];
    expect(Number(pages)).toBeGreaterThan(2);
  });
});
