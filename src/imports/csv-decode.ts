/**
 * CSV bytes → text → records. Encodings: UTF-8 with or without BOM, or GB18030 (what Excel and WPS
 * write as "CSV" on a Chinese Windows), detected: bytes that are valid UTF-8 are UTF-8, anything
 * else is decoded as GB18030 (a superset of GBK and GB2312). Parsing is csv-parse's (RFC 4180:
 * quotes, doubled quotes, separators and newlines inside quotes, CRLF or LF).
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../domain/app-error';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

export function decodeCsvBytes(bytes: Uint8Array, fileName = 'CSV'): DecodedCsv {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new AppError('VALIDATION', `文件“${fileName}”是 UTF-16 编码，请另存为“CSV UTF-8”或 GB18030 编码的 CSV`);
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // ignoreBOM: false (the default) drops a leading BOM
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    // not UTF-8: fall through to GB18030
  }
  if (hasBom) {
    throw new AppError('VALIDATION', `文件“${fileName}”标明为 UTF-8（带 BOM），但内容中有不是 UTF-8 的字节，请重新保存`);
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new AppError('VALIDATION', `文件“${fileName}”既不是 UTF-8 也不是 GB18030 编码的文本，请另存为“CSV UTF-8”后再导入`);
  }
}

export interface CsvRecord {
  /** the row number Excel would show when opening the file (the first record is row 1) */
  rowNumber: number;
  values: string[];
}

const CHUNK_CHARS = 1 << 20;

function* chunks(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK_CHARS) yield text.slice(i, i + CHUNK_CHARS);
}

/**
 * Streams the records of CSV text. Empty lines are counted (Excel shows them as rows) but not
 * yielded; a record whose quoted cells hold newlines is one row.
 */
export async function* parseCsvRecords(text: string, fileName = 'CSV'): AsyncGenerator<CsvRecord> {
  const parser = Readable.from(chunks(text)).pipe(
    parse({ relax_column_count: true, skip_empty_lines: false, bom: true }),
  );
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      if (record.every((v) => v === '')) continue;
      yield { rowNumber, values: record };
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const line = /line (\d+)/i.exec(message)?.[1];
    throw new AppError(
      'VALIDATION',
      `文件“${fileName}”不是格式正确的 CSV${line ? `（第 ${line} 行附近）` : `（第 ${rowNumber + 1} 行附近）`}：引号不配对或引号后有多余字符`,
    );
  } finally {
    parser.destroy();
  }
}

/** Decodes and streams the records of a CSV file. */
export async function* readCsvRecords(bytes: Uint8Array, fileName = 'CSV'): AsyncGenerator<CsvRecord> {
  const { text } = decodeCsvBytes(bytes, fileName);
  yield* parseCsvRecords(text, fileName);
}
