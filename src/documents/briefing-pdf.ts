/** A briefing as PDF (pdfmake, the CJK font embedded as for the notices; without one, the clear "install a font" message). */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { BriefingDocument } from './briefing-content';
import { renderCjkPdf } from './notice-pdf';

/** A table; columns before `nameColumns` are text (left-aligned), the one at `wide` takes the spare width. */
function tableBlock(header: string[], rows: string[][], nameColumns: number, wide: number): Content {
  const body: TableCell[][] = [
    header.map((h) => ({ text: h, bold: true, alignment: 'center' as const })),
    ...rows.map((r) => r.map((v, i): TableCell => ({ text: v, alignment: i < nameColumns ? 'left' : 'right' }))),
  ];
  return {
    table: { headerRows: 1, widths: header.map((_h, i) => (i === wide ? '*' : 'auto')), body, dontBreakRows: true },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#555555',
      vLineColor: () => '#555555',
      fillColor: (row: number) => (row === 0 ? '#eeeeee' : null),
    },
    fontSize: 9,
    margin: [0, 4, 0, 8],
  };
}

function briefingDocDefinition(d: BriefingDocument): TDocumentDefinitions {
  const content: Content[] = [
    { text: d.title, style: 'title' },
    { text: d.numberLine, style: 'number' },
    {
      columns: [
        { text: d.issuer, style: 'meta' },
        { text: d.dateLine, style: 'meta', alignment: 'right' },
      ],
    },
    { canvas: [{ type: 'line', x1: 0, y1: 4, x2: 483, y2: 4, lineWidth: 1.5, lineColor: '#C00000' }], margin: [0, 0, 0, 10] },
    { text: d.periodLine, style: 'meta', margin: [0, 0, 0, 6] },
  ];
  if (d.editionNote) content.push({ text: d.editionNote, style: 'meta', italics: true, margin: [0, 0, 0, 6] });
  for (const s of d.sections) {
    content.push({ text: s.title, style: 'heading' });
    for (const p of s.paragraphs) content.push({ text: p, style: 'body', leadingIndent: 24 });
  }
  // the figures table is short: kept on one page with its heading
  content.push({ stack: [{ text: '附表：主要指标', style: 'heading' }, tableBlock(d.figureHeader, d.figureRows, 2, 0)], unbreakable: true });
  if (d.projectTable) content.push({ text: '附表：重点项目调度情况', style: 'heading', pageBreak: 'before' }, tableBlock(d.projectTable.header, d.projectTable.rows, 4, 1));
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: { title: `${d.title} ${d.numberLine}`, author: d.issuer, creator: '引凤 Yinfeng', producer: '引凤 Yinfeng' },
    watermark: d.draft ? { text: '草稿', color: '#cc0000', opacity: 0.08, bold: true } : undefined,
    content,
    footer: (currentPage: number) => ({ text: `— ${currentPage} —`, alignment: 'center', fontSize: 9, margin: [0, 20, 0, 0] }),
    defaultStyle: { font: 'CJK', fontSize: 11, lineHeight: 1.3 },
    styles: {
      title: { fontSize: 22, bold: true, color: '#C00000', alignment: 'center', margin: [0, 0, 0, 6] },
      number: { fontSize: 12, alignment: 'center', margin: [0, 0, 0, 10] },
      meta: { fontSize: 10.5, color: '#333333' },
      heading: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
      body: { fontSize: 12, lineHeight: 1.6, alignment: 'justify', margin: [0, 0, 0, 4] },
    },
  };
}

export async function renderBriefingPdf(d: BriefingDocument, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  return renderCjkPdf(briefingDocDefinition(d), env);
}
