/**
 * The sheet names of an xlsx, read from xl/workbook.xml alone (a few KiB) using the ZIP directory
 * that inspectImportFile already checked, so no other entry is inflated.
 */
import { AppError } from '../../domain/app-error';
import type { ByteSource, ZipEntryInfo } from '../../imports/file-guard';
import { decodeXml, readEntryText } from '../../imports/xlsx-parts';
import { msg } from '../../domain/messages/catalog';

export function listXlsxSheetNames(input: Buffer | ByteSource, entries: ZipEntryInfo[], fileName: string): string[] {
  const xml = readEntryText(input, entries, 'xl/workbook.xml', fileName);
  if (xml === null) throw new AppError('VALIDATION', msg('read.noWorkbook', { file: fileName }));
  const names: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)) names.push(decodeXml(m[1] ?? '').trim());
  return names;
}
