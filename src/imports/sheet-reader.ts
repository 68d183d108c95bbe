/**
 * Reads the data rows of an import file — CSV, or the xlsx sheet named for the kind (企业, 项目,
 * 到位资金) — as `{ rowNumber, cells }` with cells keyed by canonical header (see columns.ts). xlsx
 * is read with exceljs's streaming WorkbookReader, so a sheet of a million rows never sits in
 * memory. Cell values become the strings the validators understand: a date cell 'YYYY-MM-DD', a
 * number without float noise (0.1 + 0.2 → '0.3'), a formula its cached result, rich text its text.
 *
 * Run inspectImportFile (file-guard.ts) on the buffer first: it refuses what the ZIP directory
 * declares too large. Before exceljs (which inflates with its own jszip/unzipper and trusts the
 * headers) sees an xlsx, every entry is inflated here once with the guarded inflater
 * (zip-inflate.ts), streaming and discarding, so an entry whose headers lie is refused (422) at
 * its declared size, never inflated to the end.
 */
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { DEFAULT_IMPORT_LIMITS, fileSource, readZipDirectory, type ByteSource } from './file-guard';
import { mapXlsxSheetFiles } from './xlsx-parts';
import { verifyZipInflationOnce } from './zip-inflate';
import { AppError } from '../domain/app-error';
import { describeBadText } from '../domain/text-input';
import { SHEET_NAMES, mapHeaders, rowCells, type HeaderMapping, type SheetKind } from './columns';
import { readCsvFileBatches, readCsvRecords } from './csv-decode';
import { sniffContent, type ImportFormat } from './file-guard';
import { msg } from '../domain/messages/catalog';

/** An import file: in memory, or on disk (large uploads wait there for their background job). */
export type ImportInput = Buffer | { path: string };

export interface ImportRow {
  /** the row number a person sees in Excel; the header is row 1 */
  rowNumber: number;
  /** trimmed cell text keyed by canonical Chinese header; optional columns absent from the file are absent */
  cells: Record<string, string>;
}

export interface RawRow {
  rowNumber: number;
  values: string[];
}

export interface ReadRowsOptions {
  /** decided by content when omitted */
  format?: ImportFormat;
  /** for messages */
  fileName?: string;
  /** called once with the header mapping (e.g. to report ignored columns) */
  onHeader?: (mapping: HeaderMapping, headerRowNumber: number) => void;
  /** xlsx below this uncompressed size is read in memory, above it streamed (default IN_MEMORY_XLSX_LIMIT) */
  inMemoryLimitBytes?: number;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD' of a date cell. exceljs gives Excel serial dates as UTC midnight. */
export function dateCellToString(d: Date): string {
  // round to the nearest minute first: serials like 45356.99999999 are the next day at 00:00
  const t = new Date(Math.round(d.getTime() / 60_000) * 60_000);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** A number as Excel shows it at 15 significant digits, never in exponent notation. */
export function numberCellToString(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const v = Number(n.toPrecision(15));
  const s = String(v);
  if (!/e/i.test(s)) return s;
  if (Math.abs(v) >= 1) return BigInt(Math.round(v)).toString();
  return v.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Text of an exceljs cell value (as the streaming reader produces it). */
export function cellValueToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberCellToString(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateCellToString(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return cellValueToString(v.result);
    if ('hyperlink' in v && 'text' in v) return cellValueToString(v.text);
    if (typeof v.error === 'string') return v.error;
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}

function detectFormat(buffer: Buffer): ImportFormat {
  return sniffContent(buffer) === 'zip' ? 'xlsx' : 'csv';
}

/**
 * Raw rows of the xlsx sheet named `sheetName`. exceljs's streaming reader has been seen (twice,
 * under heavy machine load, not reproducible) to fail with "Cannot read properties of undefined
 * (reading 'sheets')" while matching worksheets to names, before yielding any row; reading the same
 * in-memory buffer again then succeeds, so one retry is made in that case only.
 */
export async function* readXlsxSheetRows(
  input: ImportInput,
  sheetName: string,
  fileName = 'xlsx',
  inMemoryLimit = IN_MEMORY_XLSX_LIMIT,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<RawRow> {
  let yielded = false;
  try {
    try {
      for await (const row of readXlsxSheetRowsOnce(input, sheetName, fileName, inMemoryLimit, onBytes)) {
        yielded = true;
        yield row;
      }
    } catch (err) {
      if (yielded || !(err instanceof TypeError) || !err.message.includes("'sheets'")) throw err;
      yield* readXlsxSheetRowsOnce(input, sheetName, fileName, inMemoryLimit, onBytes);
    }
  } catch (err) {
    throw describeUnreadableXlsx(err, fileName, sheetName);
  }
}

/**
 * An error of exceljs (or its XML and ZIP parsers) as the user's problem: the workbook is damaged
 * or holds what Excel never writes, e.g. the character references &#0; or &#xD800; (U+0000 and lone
 * surrogates are not XML characters). 400 naming the file and sheet, and the parser's position.
 */
function describeUnreadableXlsx(err: unknown, fileName: string, sheetName: string): unknown {
  if (err instanceof AppError || !(err instanceof Error)) return err;
  const detail = describeBadText(err.message) ? '' : err.message.replace(/\s+/g, ' ').slice(0, 200);
  return new AppError('VALIDATION', msg('read.sheetUnreadable', { file: fileName, sheet: sheetName, detail: detail || msg('read.badFormat') }));
}

/** Runs `use` with random access to the input's bytes. */
function withByteSource<T>(input: ImportInput, use: (src: Buffer | ByteSource) => T): T {
  if (Buffer.isBuffer(input)) return use(input);
  const fd = fs.openSync(input.path, 'r');
  try {
    return use(fileSource(fd, fs.fstatSync(fd).size));
  } finally {
    fs.closeSync(fd);
  }
}

/** withByteSource for an asynchronous `use` (the file stays open until it settles). */
async function withByteSourceAsync<T>(input: ImportInput, use: (src: Buffer | ByteSource) => Promise<T>): Promise<T> {
  if (Buffer.isBuffer(input)) return use(input);
  const fd = fs.openSync(input.path, 'r');
  try {
    return await use(fileSource(fd, fs.fstatSync(fd).size));
  } finally {
    fs.closeSync(fd);
  }
}

/** Below this uncompressed size a workbook is read in memory: no temporary files, no entry-order races. */
export const IN_MEMORY_XLSX_LIMIT = 32 * 1024 * 1024;

function toRawRow(row: ExcelJS.Row): RawRow | null {
  const values: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
    values[colNumber - 1] = cellValueToString(cell.value);
  });
  for (let i = 0; i < values.length; i++) values[i] ??= '';
  return values.every((v) => v.trim() === '') ? null : { rowNumber: row.number, values };
}

async function* readXlsxSheetRowsOnce(
  input: ImportInput,
  sheetName: string,
  fileName: string,
  inMemoryLimit: number,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<RawRow> {
  // the number N of xl/worksheets/sheetN.xml of the wanted sheet, read from the ZIP ourselves
  // and every entry inflated once under the guard (sizes as declared, under the cap) before exceljs
  const { entries, fileNo } = await withByteSourceAsync(input, async (src) => {
    const entries = readZipDirectory(src, fileName);
    await verifyZipInflationOnce(src, entries, fileName, DEFAULT_IMPORT_LIMITS);
    return { entries, fileNo: mapXlsxSheetFiles(src, entries, fileName).get(sheetName) };
  });
  if (entries.reduce((a, e) => a + e.uncompressedSize, 0) < inMemoryLimit) {
    // small workbooks (the usual monthly files, templates): exceljs's in-memory reader is exact and
    // needs no temporary files; the streaming reader below is for large files
    const buffer = Buffer.isBuffer(input) ? input : await fs.promises.readFile(input.path);
    onBytes?.(buffer.length);
    const wb = new ExcelJS.Workbook();
    // exceljs's typing wants its own Buffer type; a Node Buffer is what it reads (library boundary)
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const sheet = wb.worksheets.find((w) => w.name.trim() === sheetName);
    if (!sheet) {
      const seen = wb.worksheets.map((w) => `“${w.name.trim()}”`).join('、');
      throw new AppError('VALIDATION', seen ? msg('read.sheetMissingSeen', { file: fileName, sheet: sheetName, names: seen }) : msg('read.sheetMissing', { file: fileName, sheet: sheetName }));
    }
    const rows: RawRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const raw = toRawRow(row);
      if (raw) rows.push(raw);
    });
    yield* rows;
    return;
  }
  let bytesRead = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      onBytes?.(bytesRead);
      done(null, chunk);
    },
  });
  const stream = Buffer.isBuffer(input) ? Readable.from([input]) : fs.createReadStream(input.path, { highWaterMark: 1 << 20 });
  stream.on('error', (err: Error) => counter.destroy(err));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream.pipe(counter), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const sheet of reader) {
      const { name: rawName, id } = sheet as unknown as { name?: string; id?: string | number };
      const name = (rawName ?? '').trim();
      // exceljs names a sheet "Sheet<id>" (id = its file number) when it met the sheet before the workbook part
      const unnamed = name === `Sheet${String(id)}`;
      seen.push(name);
      if (name !== sheetName && !(unnamed && fileNo !== undefined && String(id) === fileNo)) continue;
      found = true;
      for await (const row of sheet) {
        const raw = toRawRow(row);
        if (raw) yield raw;
      }
      break;
    }
  } finally {
    stream.destroy();
    counter.destroy();
  }
  if (!found) {
    throw new AppError(
      'VALIDATION',
      seen.length ? msg('read.sheetMissingSeen', { file: fileName, sheet: sheetName, names: seen.map((s) => `“${s}”`).join('、') }) : msg('read.sheetMissing', { file: fileName, sheet: sheetName }),
    );
  }
}

function detectInputFormat(input: ImportInput): ImportFormat {
  if (Buffer.isBuffer(input)) return detectFormat(input);
  return withByteSource(input, (src) => detectFormat(Buffer.isBuffer(src) ? src : src.read(0, 64 * 1024)));
}

/** Raw rows of an import file, CSV or the kind's xlsx sheet. */
export async function* readRawRows(input: ImportInput, kind: SheetKind, opts: ReadRowsOptions = {}): AsyncGenerator<RawRow> {
  const format = opts.format ?? detectInputFormat(input);
  const fileName = opts.fileName ?? (format === 'xlsx' ? `${SHEET_NAMES[kind]}.xlsx` : `${SHEET_NAMES[kind]}.csv`);
  if (format === 'xlsx') yield* readXlsxSheetRows(input, SHEET_NAMES[kind], fileName, opts.inMemoryLimitBytes);
  else if (Buffer.isBuffer(input)) {
    for await (const r of readCsvRecords(input, fileName)) yield { rowNumber: r.rowNumber, values: r.values };
  } else {
    for await (const batch of readCsvFileBatches(input.path, fileName)) yield* batch.records;
  }
}

/**
 * The data rows of an import file. The first non-empty row is the header (row 1 in a normal file);
 * missing required columns throw AppError('VALIDATION') before any data row is yielded.
 */
export async function* readRows(input: ImportInput, kind: SheetKind, opts: ReadRowsOptions = {}): AsyncGenerator<ImportRow> {
  let mapping: HeaderMapping | undefined;
  for await (const raw of readRawRows(input, kind, opts)) {
    if (!mapping) {
      mapping = mapHeaders(raw.values, kind);
      opts.onHeader?.(mapping, raw.rowNumber);
      continue;
    }
    yield { rowNumber: raw.rowNumber, cells: rowCells(raw.values, mapping) };
  }
  if (!mapping) throw new AppError('VALIDATION', msg('read.noHeader', { sheet: SHEET_NAMES[kind] }));
}

export interface RowBatch {
  rows: ImportRow[];
  /** bytes of the file read so far (for a progress bar) */
  bytesRead: number;
}

/**
 * The data rows of an import file on disk in batches, with the bytes read so far: CSV streams
 * through the decoder and parser a chunk at a time, xlsx through readXlsxSheetRows (streamed
 * above the in-memory limit). Header rules as readRows.
 */
export async function* readRowBatches(
  input: { path: string },
  kind: SheetKind,
  opts: ReadRowsOptions & { batchRows?: number } = {},
): AsyncGenerator<RowBatch> {
  const format = opts.format ?? detectInputFormat(input);
  const fileName = opts.fileName ?? (format === 'xlsx' ? `${SHEET_NAMES[kind]}.xlsx` : `${SHEET_NAMES[kind]}.csv`);
  let mapping: HeaderMapping | undefined;
  const toRows = (raws: RawRow[]): ImportRow[] => {
    const rows: ImportRow[] = [];
    for (const raw of raws) {
      if (!mapping) {
        mapping = mapHeaders(raw.values, kind);
        opts.onHeader?.(mapping, raw.rowNumber);
        continue;
      }
      rows.push({ rowNumber: raw.rowNumber, cells: rowCells(raw.values, mapping) });
    }
    return rows;
  };
  if (format === 'csv') {
    for await (const batch of readCsvFileBatches(input.path, fileName)) {
      const rows = toRows(batch.records);
      if (rows.length > 0) yield { rows, bytesRead: batch.bytesRead };
    }
  } else {
    const size = opts.batchRows ?? 2_000;
    let bytesRead = 0;
    let pending: RawRow[] = [];
    for await (const raw of readXlsxSheetRows(input, SHEET_NAMES[kind], fileName, opts.inMemoryLimitBytes, (n) => (bytesRead = n))) {
      pending.push(raw);
      if (pending.length >= size) {
        const rows = toRows(pending);
        pending = [];
        if (rows.length > 0) yield { rows, bytesRead };
      }
    }
    const rows = toRows(pending);
    if (rows.length > 0 || bytesRead > 0) yield { rows, bytesRead };
  }
  if (!mapping) throw new AppError('VALIDATION', msg('read.noHeader', { sheet: SHEET_NAMES[kind] }));
}
