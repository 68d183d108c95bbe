/**
 * CSV bytes → text → records. Encodings: UTF-8 with or without BOM, or GB18030 (what Excel and WPS
 * write as "CSV" on a Chinese Windows), detected: bytes that are valid UTF-8 are UTF-8, anything
 * else is decoded as GB18030 (a superset of GBK and GB2312). Parsing is RFC 4180 (csv-parser.ts:
 * quotes, doubled quotes, separators and newlines inside quotes, CRLF or LF). Files on disk stream
 * through readCsvFileBatches.
 */
import fs from 'node:fs';
import { AppError } from '../domain/app-error';
import { CsvParser, type CsvRecord } from './csv-parser';
import { msg } from '../domain/messages/catalog';

export type { CsvRecord } from './csv-parser';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

export function decodeCsvBytes(bytes: Uint8Array, fileName = 'CSV'): DecodedCsv {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new AppError('VALIDATION', msg('read.utf16', { file: fileName }));
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
    throw new AppError('VALIDATION', msg('read.badBom', { file: fileName }));
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new AppError('VALIDATION', msg('read.notText', { file: fileName }));
  }
}

const CHUNK_CHARS = 1 << 20;

/**
 * Streams the records of CSV text (see csv-parser.ts). Empty lines are counted (Excel shows them
 * as rows) but not yielded; a record whose quoted cells hold newlines is one row.
 */
export async function* parseCsvRecords(text: string, fileName = 'CSV'): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(fileName);
  for (let i = 0; i < text.length; i += CHUNK_CHARS) yield* parser.push(text.slice(i, i + CHUNK_CHARS));
  yield* parser.end();
}

/** Decodes and streams the records of a CSV file. */
export async function* readCsvRecords(bytes: Uint8Array, fileName = 'CSV'): AsyncGenerator<CsvRecord> {
  const { text } = decodeCsvBytes(bytes, fileName);
  yield* parseCsvRecords(text, fileName);
}

/** How many bytes of the start of a file decide its encoding. */
const SNIFF_BYTES = 64 * 1024;

/**
 * The encoding of a CSV file from its first bytes, by the rule of decodeCsvBytes: bytes that are
 * valid UTF-8 are UTF-8 (a multi-byte character cut at the end of the sample is allowed),
 * anything else GB18030. The header row is Chinese, so the first bytes decide.
 */
export function sniffCsvEncoding(head: Uint8Array, fileName = 'CSV'): CsvEncoding {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new AppError('VALIDATION', msg('read.utf16', { file: fileName }));
  }
  const hasBom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return hasBom ? 'utf-8-bom' : 'utf-8';
  } catch {
    // not UTF-8
  }
  if (hasBom) throw new AppError('VALIDATION', msg('read.badBom', { file: fileName }));
  return 'gb18030';
}

export interface CsvBatch {
  records: CsvRecord[];
  /** bytes of the file read so far */
  bytesRead: number;
}

/**
 * Streams a CSV file from disk: the encoding is decided from its first bytes, then the bytes are
 * decoded and parsed chunk by chunk; records come in batches (one per chunk read) with the bytes
 * read so far, for progress. Memory stays at a chunk or two whatever the size of the file.
 */
export async function* readCsvFileBatches(filePath: string, fileName = 'CSV', chunkBytes = 1 << 20): AsyncGenerator<CsvBatch> {
  const fd = await fs.promises.open(filePath, 'r');
  let encoding: CsvEncoding;
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fd.read(head, 0, SNIFF_BYTES, 0);
    encoding = sniffCsvEncoding(head.subarray(0, bytesRead), fileName);
  } finally {
    await fd.close();
  }
  const decoder = new TextDecoder(encoding === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true });
  const parser = new CsvParser(fileName);
  const notText = () =>
    new AppError(
      'VALIDATION',
      encoding === 'gb18030'
        ? msg('read.notTextAt', { file: fileName, row: parser.rowsSeen + 1 })
        : msg('read.notUtf8At', { file: fileName, row: parser.rowsSeen + 1 }),
    );
  let bytesRead = 0;
  const stream = fs.createReadStream(filePath, { highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw notText();
      }
      const records = parser.push(text);
      if (records.length > 0) yield { records, bytesRead };
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw notText();
    }
    const records = [...parser.push(rest), ...parser.end()];
    yield { records, bytesRead };
  } finally {
    stream.destroy();
  }
}
