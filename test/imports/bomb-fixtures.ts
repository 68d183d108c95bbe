/**
 * Zip bombs built in the test, byte by byte: real ZIPs whose local header and central directory
 * tell the same lie about an entry's size (so the directory checks pass), with or without a data
 * descriptor, with ZIP64 local sizes, with many entries, or nested. Deflated zeros compress about
 * 1,030:1, so a 256 MiB entry is a ~250 KiB body, made a MiB at a time (nothing large is held).
 */
import zlib from 'node:zlib';
import { readZipDirectory } from '../../src/imports/file-guard';

const MiB = 1024 * 1024;

export interface RawEntry {
  name: string;
  /** the stored bytes (already deflated when method is 8) */
  body: Buffer;
  method: 0 | 8;
  crc: number;
  /** the uncompressed size written in both headers (the lie, for a bomb) */
  declaredSize: number;
  /** general purpose flag 8: sizes and CRC in a data descriptor after the data, zeros in the local header */
  dataDescriptor?: boolean;
  /** 0xFFFFFFFF sizes in the local header and a ZIP64 extra field with the declared ones */
  zip64Local?: boolean;
}

/** `bytes` zeros deflated a MiB at a time (sync-flushed blocks, then a final empty block), and their CRC-32. */
export function deflatedZeros(bytes: number): { body: Buffer; crc: number } {
  const made = zerosMade.get(bytes);
  if (made) return made;
  const chunk = Buffer.alloc(MiB);
  const parts: Buffer[] = [];
  let crc = 0;
  for (let done = 0; done < bytes; done += MiB) {
    const piece = bytes - done >= MiB ? chunk : chunk.subarray(0, bytes - done);
    parts.push(zlib.deflateRawSync(piece, { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    crc = zlib.crc32(piece, crc);
  }
  parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
  const out = { body: Buffer.concat(parts), crc };
  zerosMade.set(bytes, out);
  return out;
}
const zerosMade = new Map<number, { body: Buffer; crc: number }>();

/** An entry holding `data`, deflated, declaring its true size. */
export function honestEntry(name: string, data: Buffer | string): RawEntry {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return { name, body: zlib.deflateRawSync(buf), method: 8, crc: zlib.crc32(buf), declaredSize: buf.length };
}

/** An entry of `realBytes` zeros whose headers (both) declare `declaredSize`. */
export function bombEntry(name: string, realBytes: number, declaredSize: number, extra: Partial<RawEntry> = {}): RawEntry {
  const { body, crc } = deflatedZeros(realBytes);
  return { name, body, method: 8, crc, declaredSize, ...extra };
}

/** A ZIP of raw entries: local headers (+ data descriptors), central directory, end record. */
export function makeRawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const flags = 0x800 | (e.dataDescriptor ? 0x8 : 0);
    const extra = e.zip64Local ? Buffer.alloc(20) : Buffer.alloc(0);
    if (e.zip64Local) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(e.declaredSize), 4);
      extra.writeBigUInt64LE(BigInt(e.body.length), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.zip64Local ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    if (!e.dataDescriptor) {
      local.writeUInt32LE(e.crc, 14);
      local.writeUInt32LE(e.zip64Local ? 0xffffffff : e.body.length, 18);
      local.writeUInt32LE(e.zip64Local ? 0xffffffff : e.declaredSize, 22);
    }
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const parts = [local, name, extra, e.body];
    if (e.dataDescriptor) {
      const desc = Buffer.alloc(16);
      desc.writeUInt32LE(0x08074b50, 0);
      desc.writeUInt32LE(e.crc, 4);
      desc.writeUInt32LE(e.body.length, 8);
      desc.writeUInt32LE(e.declaredSize, 12);
      parts.push(desc);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.body.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(...parts);
    centrals.push(central, name);
    offset += parts.reduce((s, p) => s + p.length, 0);
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The entries of a real ZIP (e.g. an xlsx written by exceljs) as raw entries, bodies as stored (read here, independently of the code under test). */
export function rawEntriesOf(zip: Buffer): RawEntry[] {
  return readZipDirectory(zip, 'fixture.xlsx').map((e) => {
    const start = e.localHeaderOffset + 30 + zip.readUInt16LE(e.localHeaderOffset + 26) + zip.readUInt16LE(e.localHeaderOffset + 28);
    const body = zip.subarray(start, start + e.compressedSize);
    const data = e.method === 8 ? zlib.inflateRawSync(body) : body;
    return { name: e.name, body, method: e.method as 0 | 8, crc: zlib.crc32(data), declaredSize: e.uncompressedSize };
  });
}

/** A real xlsx with entries replaced (same name) or added. */
export function withEntries(xlsx: Buffer, entries: RawEntry[]): Buffer {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const out = rawEntriesOf(xlsx).map((e) => byName.get(e.name) ?? e);
  for (const e of entries) if (!out.some((o) => o.name === e.name)) out.push(e);
  return makeRawZip(out);
}

/** Peak resident set size (RSS) growth while `run` runs, sampled every 5 ms, in MiB. */
export async function measurePeakRssGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growthMiB: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMiB: (peak - before) / MiB };
  } finally {
    clearInterval(timer);
  }
}
