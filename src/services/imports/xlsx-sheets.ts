/**
 * The sheet names of an xlsx, read from xl/workbook.xml alone (a few KiB) using the ZIP directory
 * that inspectImportFile already checked, so no other entry is inflated.
 */
import zlib from 'node:zlib';
import { AppError } from '../../domain/app-error';
import type { ZipEntryInfo } from '../../imports/file-guard';

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

export function listXlsxSheetNames(buffer: Buffer, entries: ZipEntryInfo[], fileName: string): string[] {
  const entry = entries.find((e) => e.name === 'xl/workbook.xml');
  if (!entry) throw new AppError('VALIDATION', `文件“${fileName}”缺少 xl/workbook.xml`);
  const q = entry.localHeaderOffset;
  const start = q + 30 + buffer.readUInt16LE(q + 26) + buffer.readUInt16LE(q + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  let xml: string;
  try {
    xml = (entry.method === 8 ? zlib.inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressedSize, 1) }) : data).toString('utf8');
  } catch {
    throw new AppError('VALIDATION', `文件“${fileName}”的 xl/workbook.xml 无法解压，请在 Excel/WPS 中重新保存后再导入`);
  }
  const names: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)) names.push(decodeXml(m[1] ?? '').trim());
  return names;
}
