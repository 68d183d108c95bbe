/**
 * Small parts of an xlsx read straight from the ZIP (already checked by the file guard), without
 * inflating anything else.
 */
import zlib from 'node:zlib';
import { AppError } from '../domain/app-error';
import { sizeMessage, toByteSource, type ByteSource, type ZipEntryInfo } from './file-guard';
import { msg, type Message } from '../domain/messages/catalog';

/** The small parts read here (workbook.xml and its rels) are a few KiB; none may inflate past this. */
export const SMALL_PART_CAP_BYTES = 16 * 1024 * 1024;

export function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

export function readEntryText(input: Buffer | ByteSource, entries: ZipEntryInfo[], name: string, fileName: string): string | null {
  const entry = entries.find((e) => e.name === name);
  if (!entry) return null;
  const src = toByteSource(input);
  const q = entry.localHeaderOffset;
  const head = src.read(q, 30);
  const start = q + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  const overLimit = (limit: Message) => new AppError('LIMIT_EXCEEDED', msg('read.partOver', { file: fileName, part: name, limit }));
  if (entry.uncompressedSize > SMALL_PART_CAP_BYTES) throw overLimit(msg('read.partCap', { max: sizeMessage(SMALL_PART_CAP_BYTES) }));
  const data = src.read(start, entry.compressedSize);
  try {
    // inflation stops at the declared size (≤ the cap): a lying header costs no more than it declares
    return (entry.method === 8 ? zlib.inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) }) : data).toString('utf8');
  } catch (err) {
    if (err instanceof RangeError) throw overLimit(msg('read.partDeclared', { max: sizeMessage(entry.uncompressedSize) }));
    throw new AppError('VALIDATION', msg('read.partBroken', { file: fileName, part: name }));
  }
}

/**
 * Sheet name → the number N of its part xl/worksheets/sheetN.xml, from workbook.xml and its rels.
 * exceljs's streaming reader sometimes emits worksheets before it has read the names (seen under
 * load: sheets named "Sheet1"…); the reader then recognises the wanted sheet by this number.
 */
export function mapXlsxSheetFiles(input: Buffer | ByteSource, entries: ZipEntryInfo[], fileName: string): Map<string, string> {
  const workbook = readEntryText(input, entries, 'xl/workbook.xml', fileName) ?? '';
  const rels = readEntryText(input, entries, 'xl/_rels/workbook.xml.rels', fileName) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    const no = target ? /worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1] : undefined;
    if (id && no) targets.set(id, no);
  }
  const map = new Map<string, string>();
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\bid="([^"]*)"/.exec(m[0])?.[1];
    const no = rid ? targets.get(rid) : undefined;
    if (name !== undefined && no) map.set(decodeXml(name).trim(), no);
  }
  return map;
}

