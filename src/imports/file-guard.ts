/**
 * First gate of an import: decides the file type by content, checks it against the file name, and
 * for xlsx reads only the ZIP end-of-central-directory and central directory records (nothing is
 * decompressed) to refuse zip bombs: too many entries, too much uncompressed data, an entry whose
 * compression ratio is implausible, encrypted or unknown compression, and local headers that do
 * not line up with the central directory (so a streaming reader sees exactly the listed entries).
 * Every refusal is AppError('VALIDATION') with a Chinese message naming the file and the limit.
 */
import fs from 'node:fs';
import { AppError } from '../domain/app-error';
import { msg, renderMessage, type Message } from '../domain/messages/catalog';

export type ImportFormat = 'xlsx' | 'csv';

export interface ImportFileLimits {
  /** size of the uploaded file; default 50 MiB */
  maxFileBytes: number;
  /** sum of uncompressed sizes of all xlsx entries; default 500 MiB */
  maxUncompressedBytes: number;
  /** number of entries in the xlsx ZIP; default 10,000 */
  maxEntries: number;
  /** uncompressed ÷ compressed size of one entry; default 200 */
  maxCompressionRatio: number;
  /** entries smaller than this (uncompressed) are not held to the ratio; default 1 MiB */
  ratioExemptBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_IMPORT_LIMITS: ImportFileLimits = {
  maxFileBytes: 50 * MiB,
  maxUncompressedBytes: 500 * MiB,
  maxEntries: 10_000,
  maxCompressionRatio: 200,
  ratioExemptBytes: MiB,
};

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** CRC-32 of the uncompressed data, as the central directory gives it */
  crc32?: number;
}

export interface InspectedImportFile {
  format: ImportFormat;
  size: number;
  /** xlsx only */
  entries?: ZipEntryInfo[];
  /** xlsx only: sum of uncompressed sizes */
  uncompressedBytes?: number;
}

export function formatBytes(n: number): string {
  return renderMessage(sizeMessage(n), 'zh');
}

/** A size as a message parameter: MiB and KiB alike in both languages, bytes named in each. */
export function sizeMessage(n: number): Message {
  if (n >= MiB) return msg('text.plain', { text: `${Number((n / MiB).toFixed(1))} MiB` });
  if (n >= 1024) return msg('text.plain', { text: `${Number((n / 1024).toFixed(1))} KiB` });
  return msg('file.bytes', { n });
}

/**
 * Random access to the bytes of an import file: a Buffer in memory, or a file on disk read with
 * positioned reads (so a large upload is checked without loading it).
 */
export interface ByteSource {
  readonly size: number;
  /** `length` bytes from `offset` (fewer at the end of the file) */
  read(offset: number, length: number): Buffer;
}

export function bufferSource(buf: Buffer): ByteSource {
  return { size: buf.length, read: (offset, length) => buf.subarray(offset, offset + length) };
}

/** A ByteSource over an open file descriptor (closed by the caller). */
export function fileSource(fd: number, size: number): ByteSource {
  return {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const out = Buffer.alloc(n);
      let done = 0;
      while (done < n) {
        const got = fs.readSync(fd, out, done, n - done, offset + done);
        if (got === 0) break;
        done += got;
      }
      return done === n ? out : out.subarray(0, done);
    },
  };
}

export function toByteSource(input: Buffer | ByteSource): ByteSource {
  return Buffer.isBuffer(input) ? bufferSource(input) : input;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DATA_DESCRIPTOR = 0x08074b50;

function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 3 || buf[2] === 5) && (buf[3] === 4 || buf[3] === 6);
}

function isOle(buf: Buffer): boolean {
  return buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1;
}

/** What the content is, ignoring the name: xlsx-or-other ZIP, old .xls (OLE), text (CSV) or binary. */
export function sniffContent(buf: Buffer): 'zip' | 'ole' | 'text' | 'utf16' | 'binary' {
  if (isZip(buf)) return 'zip';
  if (isOle(buf)) return 'ole';
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return 'utf16';
  const head = buf.subarray(0, 64 * 1024);
  for (const b of head) {
    // NUL and most C0 controls never occur in CSV text (tab, LF, CR, form feed and ESC aside)
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b)) return 'binary';
  }
  return 'text';
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function refuse(message: Message): never {
  throw new AppError('VALIDATION', message);
}

/** A refusal over a size limit (zip bomb, too many entries, ZIP64): HTTP 422. */
function refuseOverLimit(message: Message): never {
  throw new AppError('LIMIT_EXCEEDED', message);
}

/** How messages name the archive and what the user was doing: an xlsx import, or evidence upload. */
export interface ZipWording {
  /** e.g. ' xlsx 压缩包' (follows 不是完整的) */
  archive: Message;
  /** e.g. '导入' */
  action: Message;
}

const XLSX_WORDING: ZipWording = { archive: msg('file.archiveXlsx'), action: msg('file.actionImport') };

/**
 * Decides the type of an import file by content, checks it agrees with the extension (.xlsx or
 * .csv), and checks size limits; for xlsx, checks the ZIP directory before anything is inflated.
 */
export function inspectImportFile(buffer: Buffer, fileName: string, limits: Partial<ImportFileLimits> = {}): InspectedImportFile {
  return inspectImportSource(bufferSource(buffer), fileName, limits);
}

/** inspectImportFile for a file on disk: reads its head and ZIP directory only. */
export function inspectImportFilePath(filePath: string, fileName: string, limits: Partial<ImportFileLimits> = {}): InspectedImportFile {
  const fd = fs.openSync(filePath, 'r');
  try {
    return inspectImportSource(fileSource(fd, fs.fstatSync(fd).size), fileName, limits);
  } finally {
    fs.closeSync(fd);
  }
}

function inspectImportSource(src: ByteSource, fileName: string, limits: Partial<ImportFileLimits>): InspectedImportFile {
  const lim: ImportFileLimits = { ...DEFAULT_IMPORT_LIMITS, ...limits };
  const name = msg('file.name', { file: fileName });
  if (src.size === 0) refuse(msg('file.empty', { name }));
  if (src.size > lim.maxFileBytes) {
    refuse(msg('file.tooLarge', { name, size: sizeMessage(src.size), max: sizeMessage(lim.maxFileBytes) }));
  }
  const ext = extensionOf(fileName);
  if (ext !== 'xlsx' && ext !== 'csv') {
    refuse(msg(ext === 'xls' ? 'file.xls' : 'file.extension', { name }));
  }
  const kind = sniffContent(src.read(0, 64 * 1024));
  if (kind === 'ole') refuse(msg('file.ole', { name }));
  if (kind === 'utf16') refuse(msg('file.utf16', { name }));
  if (kind === 'binary') refuse(msg('file.binary', { name }));
  if (ext === 'csv') {
    if (kind === 'zip') refuse(msg('file.csvIsZip', { name }));
    return { format: 'csv', size: src.size };
  }
  if (kind !== 'zip') refuse(msg('file.xlsxIsText', { name }));
  const entries = readZipDirectory(src, fileName, lim);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    refuse(msg('file.zipNotXlsx', { name }));
  }
  const uncompressedBytes = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  return { format: 'xlsx', size: src.size, entries, uncompressedBytes };
}

/** Parses the end-of-central-directory and central directory records and checks every limit. */
export function readZipDirectory(
  input: Buffer | ByteSource,
  fileName: string,
  lim: ImportFileLimits = DEFAULT_IMPORT_LIMITS,
  wording: ZipWording = XLSX_WORDING,
): ZipEntryInfo[] {
  const src = toByteSource(input);
  const name = msg('file.name', { file: fileName });
  const { archive, action } = wording;
  const corrupt = (what: Message): never => refuse(msg('file.corrupt', { name, archive, what, action }));
  const zip64 = () => msg('file.zip64', { name, action, entries: lim.maxEntries, max: sizeMessage(lim.maxUncompressedBytes) });

  // End of central directory: 22 bytes + comment (≤ 65,535), searched backwards in the tail.
  const tailStart = Math.max(0, src.size - 22 - 0xffff - 20);
  const tail = src.read(tailStart, src.size - tailStart);
  let eocdInTail = -1;
  for (let i = tail.length - 22; i >= Math.max(0, tail.length - 22 - 0xffff); i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      eocdInTail = i;
      break;
    }
  }
  if (eocdInTail < 0) corrupt(msg('zip.noEocd'));
  const eocd = tailStart + eocdInTail;
  const e = eocdInTail;
  if (e >= 20 && tail.readUInt32LE(e - 20) === SIG_ZIP64_LOCATOR) {
    refuseOverLimit(zip64());
  }
  const disk = tail.readUInt16LE(e + 4);
  const cdDisk = tail.readUInt16LE(e + 6);
  const entriesOnDisk = tail.readUInt16LE(e + 8);
  const totalEntries = tail.readUInt16LE(e + 10);
  const cdSize = tail.readUInt32LE(e + 12);
  const cdOffset = tail.readUInt32LE(e + 16);
  if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== totalEntries) corrupt(msg('zip.multiDisk'));
  if (totalEntries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    refuseOverLimit(zip64());
  }
  if (totalEntries > lim.maxEntries) refuseOverLimit(msg('file.tooManyEntries', { name, count: totalEntries, max: lim.maxEntries }));
  if (cdOffset + cdSize !== eocd) corrupt(msg('zip.cdPosition'));
  // each record is 46 bytes plus a name, extra field and comment; real ones are far below 4 KiB
  if (cdSize > totalEntries * 4096) corrupt(msg('zip.cdTooLarge'));

  // the central directory, read once; positions below are relative to cdOffset
  const buf = src.read(cdOffset, cdSize);
  const end = cdSize;
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let p = 0;
  for (let i = 0; i < totalEntries; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== SIG_CENTRAL) corrupt(msg('zip.cdRecordBroken', { n: i + 1 }));
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > end) corrupt(msg('zip.cdRecordOut', { n: i + 1 }));
    const entryName = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      refuseOverLimit(msg('file.entryZip64', { name, entry: entryName, max: sizeMessage(lim.maxUncompressedBytes) }));
    }
    if (flags & 0x1) refuse(msg('file.entryEncrypted', { name, entry: entryName, kind: msg(archive.key === 'file.archiveXlsx' ? 'file.kindXlsx' : 'file.kindFile'), action }));
    if (method !== 0 && method !== 8) refuse(msg('file.entryMethod', { name, entry: entryName, method }));
    if (method === 0 && compressedSize !== uncompressedSize) corrupt(msg('zip.entrySizes', { entry: entryName }));
    total += uncompressedSize;
    if (total > lim.maxUncompressedBytes) {
      refuseOverLimit(msg('file.tooLargeUncompressed', { name, max: sizeMessage(lim.maxUncompressedBytes), action }));
    }
    if (uncompressedSize > lim.ratioExemptBytes && uncompressedSize / Math.max(compressedSize, 1) > lim.maxCompressionRatio) {
      const ratio = Math.round(uncompressedSize / Math.max(compressedSize, 1));
      refuseOverLimit(
        msg('file.ratio', {
          name,
          entry: entryName,
          ratio,
          max: lim.maxCompressionRatio,
          compressed: sizeMessage(compressedSize),
          uncompressed: sizeMessage(uncompressedSize),
          action,
        }),
      );
    }
    entries.push({ name: entryName, method, flags, compressedSize, uncompressedSize, localHeaderOffset, crc32 });
  }
  if (p !== end) corrupt(msg('zip.cdLength'));
  checkLocalHeaders(src, entries, cdOffset, corrupt, () =>
    refuseOverLimit(msg('file.localZip64', { name, max: sizeMessage(lim.maxUncompressedBytes) })),
  );
  return entries;
}

/**
 * The local headers must tile the data area exactly, in central-directory-listed order of offset,
 * with names and (unless a data descriptor follows) sizes matching the central directory, so a
 * reader that walks local headers sequentially sees the same entries that were checked.
 */
function checkLocalHeaders(src: ByteSource, entries: ZipEntryInfo[], cdOffset: number, corrupt: (what: Message) => never, zip64: () => never): void {
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let expected = 0;
  for (const e of sorted) {
    const q = e.localHeaderOffset;
    if (q !== expected) corrupt(msg('zip.entryPosition', { entry: e.name }));
    const head = q + 30 <= cdOffset ? src.read(q, 30) : Buffer.alloc(0);
    if (head.length < 30 || head.readUInt32LE(0) !== SIG_LOCAL) corrupt(msg('zip.localBroken', { entry: e.name }));
    const flags = head.readUInt16LE(6);
    const method = head.readUInt16LE(8);
    const nameLen = head.readUInt16LE(26);
    const extraLen = head.readUInt16LE(28);
    if (src.read(q + 30, nameLen).toString('utf8') !== e.name || method !== e.method || (flags & 0x8) !== (e.flags & 0x8)) {
      corrupt(msg('zip.localMismatch', { entry: e.name }));
    }
    // a streaming reader (exceljs's unzipper) takes sizes from the local header, and from its ZIP64
    // extra field when they are 0xFFFFFFFF: no such sizes, whatever the central directory says
    if (head.readUInt32LE(18) === 0xffffffff || head.readUInt32LE(22) === 0xffffffff) zip64();
    if (!(flags & 0x8) && (head.readUInt32LE(18) !== e.compressedSize || head.readUInt32LE(22) !== e.uncompressedSize)) {
      corrupt(msg('zip.localSizes', { entry: e.name }));
    }
    // with a data descriptor the local sizes are 0, or the true ones: a streaming reader must not read past the entry
    if (flags & 0x8 && !((head.readUInt32LE(18) === 0 && head.readUInt32LE(22) === 0) || (head.readUInt32LE(18) === e.compressedSize && head.readUInt32LE(22) === e.uncompressedSize))) {
      corrupt(msg('zip.localDescriptor', { entry: e.name }));
    }
    let end = q + 30 + nameLen + extraLen + e.compressedSize;
    if (flags & 0x8) {
      // data descriptor: optional signature, CRC-32, compressed size, uncompressed size
      const desc = src.read(end, 16);
      const withSig = end + 16 <= cdOffset && desc.length >= 4 && desc.readUInt32LE(0) === SIG_DATA_DESCRIPTOR;
      const d = withSig ? 4 : 0;
      if (end + d + 12 > cdOffset || desc.length < d + 12 || desc.readUInt32LE(d + 4) !== e.compressedSize || desc.readUInt32LE(d + 8) !== e.uncompressedSize) {
        corrupt(msg('zip.descriptorMismatch', { entry: e.name }));
      }
      end = end + d + 12;
    }
    if (end > cdOffset) corrupt(msg('zip.entryOut', { entry: e.name }));
    expected = end;
  }
  if (expected !== cdOffset) corrupt(msg('zip.gap'));
}
