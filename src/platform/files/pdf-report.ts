import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
/** DejaVu Sans covers every Vietnamese letter with its tone marks; embedded, so no reader needs it installed. */
const fonts = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

/** A printed report: a title block, then sections of label/value tables and paragraphs. */
export interface PdfReport {
  title: string;
  subtitle: string;
  /** Shown at the foot of every page (who made it, when). */
  footer: string;
  sections: PdfSection[];
}

export interface PdfSection {
  heading: string;
  /** Two or more columns; the first row is the header. */
  table?: readonly (readonly string[])[];
  paragraphs?: readonly string[];
}

const margin = 50;

/**
 * Writes `report` as an A4 PDF to `out` (streamed page by page), the fonts embedded as subsets, so
 * Vietnamese text is rendered and can be searched and copied in any reader. Resolves once the
 * whole file is written.
 */
export async function writePdfReport(out: Writable, report: PdfReport): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin + 20, left: margin, right: margin },
    bufferPages: false,
    info: { Title: report.title, Subject: report.subtitle, Creator: 'Tin Báo' },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.pipe(out);
  const width = doc.page.width - 2 * margin;
  const footer = () => {
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor('#555555');
    doc.text(report.footer, margin, doc.page.height - margin, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor('#000000');
    doc.x = margin;
    doc.y = margin;
  };
  footer();
  doc.on('pageAdded', footer);
  doc.font('bold').fontSize(16).text(report.title, { width });
  doc.font('regular').fontSize(10).fillColor('#333333').text(report.subtitle, { width }).fillColor('#000000');
  for (const section of report.sections) {
    doc.moveDown(1.2);
    doc.font('bold').fontSize(12).text(section.heading, { width });
    doc.moveDown(0.4);
    if (section.table) drawTable(doc, section.table, width);
    for (const paragraph of section.paragraphs ?? [])
      doc.font('regular').fontSize(10).text(paragraph, { width }).moveDown(0.3);
  }
  doc.end();
  await finished(out);
}

function drawTable(doc: PDFKit.PDFDocument, rows: readonly (readonly string[])[], width: number): void {
  const columns = Math.max(...rows.map((r) => r.length));
  // The first column holds the labels: it takes the room the others leave.
  const valueWidth = Math.min(110, width / (columns + 1));
  const widths = [
    width - valueWidth * (columns - 1),
    ...Array.from({ length: columns - 1 }, () => valueWidth),
  ];
  for (const [index, row] of rows.entries()) {
    doc.font(index === 0 ? 'bold' : 'regular').fontSize(9);
    const height =
      Math.max(...row.map((cell, c) => doc.heightOfString(cell, { width: (widths[c] ?? valueWidth) - 6 }))) +
      6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = margin;
    for (const [c, cell] of row.entries()) {
      const cellWidth = widths[c] ?? valueWidth;
      doc.text(cell, x + 3, top + 3, { width: cellWidth - 6, align: c === 0 ? 'left' : 'right' });
      x += cellWidth;
    }
    doc
      .moveTo(margin, top + height)
      .lineTo(margin + width, top + height)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.x = margin;
    doc.y = top + height;
  }
}
