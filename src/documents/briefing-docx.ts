/**
 * A briefing as .docx (the `docx` package; WPS and Word open it): the title block in red as 简报
 * are printed, the figures table, the key projects table of a 旬调度, then the sections. Fonts are
 * named (仿宋/黑体 with East-Asian hints) and fall back to what the reader has installed.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { BriefingDocument } from './briefing-content';

const BODY_FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const HEAD_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
const RED = 'C00000';

function cell(text: string, opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: opts.align ?? AlignmentType.LEFT, children: [new TextRun({ text, bold: opts.bold ?? false, font: BODY_FONT, size: 21 })] })],
  });
}

function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true, align: AlignmentType.CENTER })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, { align: i === 0 || (i === 1 && header.length > 5) ? AlignmentType.LEFT : AlignmentType.RIGHT })) })),
    ],
  });
}

export async function renderBriefingDocx(d: BriefingDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: d.title, bold: true, color: RED, size: 44, font: HEAD_FONT })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: d.numberLine, size: 28, font: BODY_FONT })] }),
    new Paragraph({
      alignment: AlignmentType.LEFT,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } },
      spacing: { after: 240 },
      children: [new TextRun({ text: `${d.issuer}\u3000\u3000\u3000${d.dateLine}`, size: 24, font: BODY_FONT })],
    }),
    new Paragraph({ children: [new TextRun({ text: d.periodLine, size: 24, font: BODY_FONT })] }),
  ];
  if (d.editionNote) children.push(new Paragraph({ children: [new TextRun({ text: d.editionNote, size: 24, font: BODY_FONT, italics: true })] }));
  for (const s of d.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: s.title, bold: true, size: 30, font: HEAD_FONT, color: '000000' })] }));
    for (const p of s.paragraphs) {
      children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 480 }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text: p, size: 30, font: BODY_FONT })] }));
    }
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 360, after: 120 }, children: [new TextRun({ text: '附表：主要指标', bold: true, size: 28, font: HEAD_FONT, color: '000000' })] }));
  children.push(table(d.figureHeader, d.figureRows));
  if (d.projectTable) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 360, after: 120 }, children: [new TextRun({ text: '附表：重点项目调度情况', bold: true, size: 28, font: HEAD_FONT, color: '000000' })] }));
    children.push(table(d.projectTable.header, d.projectTable.rows));
  }
  const doc = new Document({
    creator: '引凤 Yinfeng',
    title: `${d.title} ${d.numberLine}`,
    description: d.periodLine,
    styles: { default: { document: { run: { font: BODY_FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
