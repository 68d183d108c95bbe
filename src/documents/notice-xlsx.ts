/**
 * A statistics document as xlsx: one sheet per table, each with the official header block
 * (merged title; 表号 and 制表机关; 统计期 and 计量单位), Chinese column headers, 万元 with four
 * decimals as numbers, percentages with two, a frozen header, A4 landscape print set-up.
 * Text that comes from data (region and park names) is made inert against formula injection.
 */
import type ExcelJS from 'exceljs';
import { formatYuanAsWan } from '../domain/money';
import { safeCell } from '../exports/safe-cell';
import { writeWorkbook } from '../exports/workbook-buffer';
import type { NoticeData } from './notice-data';
import { buildNoticeTables, type Cell, type NoticeTable } from './notice-tables';

export const WAN_FORMAT = '#,##0.0000';
export const PCT_FORMAT = '0.00';
const CHANGE_FORMAT = '+0;-0;0';
const HEADER_ROWS = 4;

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = '宋体';

function cellValue(c: Cell): { value: string | number | null; numFmt?: string; align: 'left' | 'right' | 'center' } {
  if (c.t === 'text') return { value: safeCell(c.v), align: 'left' };
  if (c.v === null) return { value: '—', align: 'center' };
  switch (c.t) {
    case 'count':
      return { value: c.v, numFmt: '0', align: 'right' };
    case 'wan':
      return { value: Number(formatYuanAsWan(c.v)), numFmt: WAN_FORMAT, align: 'right' };
    case 'pct':
      return { value: c.v, numFmt: PCT_FORMAT, align: 'right' };
    case 'change':
      return { value: c.v, numFmt: CHANGE_FORMAT, align: 'center' };
  }
}

function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, d: NoticeData, table: NoticeTable): void {
  const n = table.columns.length;
  const last = colName(n);
  const split = Math.ceil(n / 2);
  const ws = wb.addWorksheet(table.name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROWS }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `1:${HEADER_ROWS}`,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.columns = table.columns.map((c) => ({ width: c.width }));

  const title = ws.getRow(1);
  title.getCell(1).value = safeCell(`${d.regionName}${table.title}`);
  title.getCell(1).font = { name: FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 30;
  ws.mergeCells(`A1:${last}1`);

  const meta = (row: number, left: string, right: string) => {
    const r = ws.getRow(row);
    r.getCell(1).value = left;
    r.getCell(1).font = { name: FONT, size: 10 };
    r.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
    r.getCell(split + 1).value = right;
    r.getCell(split + 1).font = { name: FONT, size: 10 };
    r.getCell(split + 1).alignment = { horizontal: 'right', vertical: 'middle' };
    ws.mergeCells(`A${row}:${colName(split)}${row}`);
    ws.mergeCells(`${colName(split + 1)}${row}:${last}${row}`);
  };
  meta(2, `表号：${table.tableNumber}`, `制表机关：${d.issuer}`);
  meta(3, `统计期：${table.periodLabel}`, '计量单位：万元');

  const head = ws.getRow(HEADER_ROWS);
  table.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  head.height = 30;

  table.rows.forEach((cells, ri) => {
    const row = ws.getRow(HEADER_ROWS + 1 + ri);
    const bold = table.boldRows.includes(ri);
    cells.forEach((c, ci) => {
      const cell = row.getCell(ci + 1);
      const v = cellValue(c);
      cell.value = v.value;
      if (v.numFmt) cell.numFmt = v.numFmt;
      cell.alignment = { horizontal: v.align, vertical: 'middle' };
      cell.font = { name: FONT, size: 10, bold: bold || (c.t === 'text' && c.bold === true) };
      cell.border = border;
    });
  });
  if (table.note) {
    const at = HEADER_ROWS + table.rows.length + 2;
    const r = ws.getRow(at);
    r.getCell(1).value = table.note;
    r.getCell(1).font = { name: FONT, size: 9 };
    r.getCell(1).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    r.height = 30;
    ws.mergeCells(`A${at}:${last}${at}`);
  }
  const footer = HEADER_ROWS + table.rows.length + (table.note ? 3 : 2);
  const f = ws.getRow(footer);
  f.getCell(1).value = `制表日期：${d.generatedAt.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' })}\u3000\u3000数据来源：引凤招商引资工作平台`;
  f.getCell(1).font = { name: FONT, size: 9, color: { argb: 'FF606060' } };
  ws.mergeCells(`A${footer}:${last}${footer}`);
  ws.commit();
}

export async function renderNoticeXlsx(d: NoticeData): Promise<Buffer> {
  const tables = buildNoticeTables(d);
  return writeWorkbook(async (wb) => {
    wb.creator = d.issuer;
    wb.title = d.title;
    for (const t of tables) addSheet(wb, d, t);
  });
}
