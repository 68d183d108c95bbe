/**
 * The one guarded inflater for ZIP entries (xlsx imports, Office/OFD evidence). The file guard
 * (file-guard.ts) checks what the ZIP directory *declares*; a zip bomb whose local header and
 * central directory tell the same lie (a sheet declared 500 KB that inflates to 2 GiB) passes it.
 * Here every entry is actually inflated — a chunk at a time through node:zlib's streaming
 * inflateRaw, the output counted and thrown away — and stopped the moment it passes
 * min(declared size, absolute cap). Nothing holds more than one chunk of output, so refusing a
 * 2 GiB bomb costs a few hundred KiB of memory and a millisecond.
 *
 * An entry is accepted only when its deflate stream ends exactly at its compressed size, its
 * output is exactly its declared size and its CRC-32 matches: after that, exceljs (which unzips
 * with its own libraries, jszip and unzipper, and trusts the headers) inflates exactly what was
 * checked here. Run verifyZipInflation BEFORE handing the bytes to exceljs.
 *
 * Refusals over a limit are AppError('LIMIT_EXCEEDED') (HTTP 422) naming the entry and the limit;
 * a damaged entry is AppError('VALIDATION').
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { AppError } from '../domain/app-error';
import { msg, type Message } from '../domain/messages/catalog';
import { sizeMessage, toByteSource, type ByteSource, type ZipEntryInfo } from './file-guard';

/** Compressed bytes read from the file per step (deflate inflates at most ~1,032:1, so ≤ ~66 MiB of work a step, streamed out in 64 KiB chunks). */
const READ_CHUNK = 64 * 1024;
const OUTPUT_CHUNK = 64 * 1024;

export interface InflateOptions {
  /** for messages: the file as the user named it */
  fileName: string;
  /** the absolute cap of one entry's output, whatever it declares */
  capBytes: number;
  /** what the user was doing, for messages (导入 or 上传: file.actionImport, file.actionUpload) */
  action?: Message;
  /** sees every output chunk (not kept by the inflater) */
  onData?: (chunk: Buffer) => void;
}

class InflateStop extends Error {}

/** Where an entry's compressed data starts: after its local header, name and extra field. */
export function entryDataOffset(src: ByteSource, entry: ZipEntryInfo): number {
  const head = src.read(entry.localHeaderOffset, 30);
  if (head.length < 30) throw new AppError('VALIDATION', msg('zip.entryLocalBroken', { entry: entry.name }));
  return entry.localHeaderOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
}

function* compressedChunks(src: ByteSource, start: number, length: number): Generator<Buffer> {
  for (let done = 0; done < length; ) {
    const chunk = src.read(start + done, Math.min(READ_CHUNK, length - done));
    if (chunk.length === 0) return;
    done += chunk.length;
    // a copy: a Buffer source hands out views, and zlib may hold the chunk past this step
    yield Buffer.from(chunk);
  }
}

/**
 * Inflates one entry, streaming, and checks it: output ≤ min(declared, cap) at every chunk (else
 * LIMIT_EXCEEDED at once, the inflater destroyed), then exactly the declared size, the deflate
 * stream ending exactly at the compressed size, and the CRC-32. Returns the bytes inflated.
 */
export async function inflateEntryGuarded(input: Buffer | ByteSource, entry: ZipEntryInfo, opts: InflateOptions): Promise<number> {
  const src = toByteSource(input);
  const name = msg('file.name', { file: opts.fileName });
  const action = opts.action ?? msg('file.actionImport');
  const corrupt = (what: Message): AppError => new AppError('VALIDATION', msg('zip.entryCorrupt', { name, entry: entry.name, what, action }));
  const declared = entry.uncompressedSize;
  const limit = Math.min(declared, opts.capBytes);
  const start = entryDataOffset(src, entry);
  let produced = 0;
  let crc = 0;
  let overLimit = false;
  if (entry.method === 0) {
    for (const chunk of compressedChunks(src, start, entry.compressedSize)) {
      produced += chunk.length;
      if (produced > limit) {
        overLimit = true;
        break;
      }
      crc = zlib.crc32(chunk, crc);
      opts.onData?.(chunk);
    }
  } else {
    const inflater = zlib.createInflateRaw({ chunkSize: OUTPUT_CHUNK });
    const counter = new Writable({
      highWaterMark: OUTPUT_CHUNK,
      write(chunk: Buffer, _encoding, done) {
        produced += chunk.length;
        if (produced > limit) {
          overLimit = true;
          done(new InflateStop());
          return;
        }
        crc = zlib.crc32(chunk, crc);
        opts.onData?.(chunk);
        done();
      },
    });
    try {
      await pipeline(Readable.from(compressedChunks(src, start, entry.compressedSize), { objectMode: false }), inflater, counter);
    } catch (err) {
      if (!(err instanceof InflateStop)) {
        if (err instanceof AppError) throw err;
        throw corrupt(msg('zip.cannotInflate'));
      }
    }
    // the deflate stream must end exactly where the directory says the entry's data ends
    if (!overLimit && inflater.bytesWritten !== entry.compressedSize) throw corrupt(msg('zip.compressedLength'));
  }
  if (overLimit) {
    const reason = limit < declared ? msg('zip.overEntryCap', { max: sizeMessage(opts.capBytes) }) : msg('zip.overDeclared', { max: sizeMessage(declared) });
    throw new AppError('LIMIT_EXCEEDED', msg('zip.bomb', { name, entry: entry.name, reason, action }));
  }
  if (produced !== declared) throw corrupt(msg('zip.producedMismatch', { produced, declared }));
  if (entry.crc32 !== undefined && crc >>> 0 !== entry.crc32 >>> 0) throw corrupt(msg('zip.crc'));
  return produced;
}

export interface ZipInflationLimits {
  /** every entry's output together; also the cap of one entry */
  maxUncompressedBytes: number;
}

/**
 * Inflates every entry of a ZIP whose directory the file guard has checked (readZipDirectory),
 * streaming and discarding the output, and refuses the file at the first entry that inflates past
 * its declared size or the cap, or does not match its headers. Nested archives are not opened:
 * an entry that is itself a ZIP is only counted, like any other bytes.
 */
export async function verifyZipInflation(
  input: Buffer | ByteSource,
  entries: ZipEntryInfo[],
  fileName: string,
  limits: ZipInflationLimits,
  action: Message = msg('file.actionImport'),
): Promise<void> {
  const src = toByteSource(input);
  let total = 0;
  for (const entry of entries) {
    const left = limits.maxUncompressedBytes - total;
    if (entry.uncompressedSize > left) {
      throw new AppError('LIMIT_EXCEEDED', msg('zip.totalOver', { file: fileName, max: sizeMessage(limits.maxUncompressedBytes), action }));
    }
    total += await inflateEntryGuarded(src, entry, { fileName, capBytes: Math.max(left, 0), action });
  }
}

const verifiedBuffers = new WeakMap<Buffer, Promise<void>>();

/**
 * verifyZipInflation once per Buffer: an import reads the same in-memory workbook once per sheet,
 * and each read asks; a file on disk is verified at every call (its content may have changed).
 */
export function verifyZipInflationOnce(
  input: Buffer | ByteSource,
  entries: ZipEntryInfo[],
  fileName: string,
  limits: ZipInflationLimits,
): Promise<void> {
  if (!Buffer.isBuffer(input)) return verifyZipInflation(input, entries, fileName, limits);
  let pending = verifiedBuffers.get(input);
  if (!pending) {
    pending = verifyZipInflation(input, entries, fileName, limits);
    verifiedBuffers.set(input, pending);
    // a refusal is not remembered as a pass, and is not an unhandled rejection if no one waits
    pending.catch(() => verifiedBuffers.delete(input));
  }
  return pending;
}
