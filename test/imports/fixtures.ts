/** Builders for import-test files: hand-made ZIPs (for zip-bomb cases) and xlsx via exceljs. */
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

export interface ZipSpec {
  name: string;
  data: Buffer;
  /** 8 = deflate (default), 0 = stored */
  method?: 0 | 8;
  /** lie about the uncompressed size in both headers */
  claimedUncompressedSize?: number;
}

/** A ZIP with local headers, central directory and EOCD, as a writer without data descriptors makes it. */
export function makeZip(specs: ZipSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const s of specs) {
    const method = s.method ?? 8;
    const body = method === 8 ? zlib.deflateRawSync(s.data) : s.data;
    const name = Buffer.from(s.name, 'utf8');
    const crc = zlib.crc32(s.data);
    const usize = s.claimedUncompressedSize ?? s.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(usize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(specs.length, 8);
  eocd.writeUInt16LE(specs.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The two entries that make a ZIP look like an xlsx to the guard. */
export const XLSX_SKELETON: ZipSpec[] = [
  { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook/>') },
];

export type SheetSpec = { name: string; rows: unknown[][]; dateColumns?: number[]; numFmt?: Record<number, string> };

/** An xlsx written by exceljs; rows are arrays of cell values (Date, number, string, formula objects). */
export async function makeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    for (const [col, fmt] of Object.entries(s.numFmt ?? {})) ws.getColumn(Number(col)).numFmt = fmt;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Valid 统一社会信用代码 for tests (check characters computed with src/domain/credit-code). */
export const CREDIT_A = '91320500MA1M111112';
export const CREDIT_B = '91110108551400000T';
