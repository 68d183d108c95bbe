/**
 * A minimal streaming tar (POSIX ustar) of a directory of regular files and directories — what a
 * PostgreSQL data directory holds — so a backup of a large embedded database never sits in memory.
 * Written and read by this file only; names longer than ustar's 100 + 155 bytes are refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mode: number, mtime: number, type: '0' | '5'): Buffer {
  const b = Buffer.alloc(BLOCK);
  const bytes = Buffer.from(name, 'utf8');
  let prefix = Buffer.alloc(0);
  let base = bytes;
  if (bytes.length > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`文件名过长，无法写入备份：${name}`);
    prefix = Buffer.from(name.slice(0, cut));
    base = Buffer.from(name.slice(cut + 1));
  }
  base.copy(b, 0);
  b.write(octal(mode & 0o7777, 8), 100, 'ascii');
  b.write(octal(0, 8), 108, 'ascii');
  b.write(octal(0, 8), 116, 'ascii');
  b.write(octal(size, 12), 124, 'ascii');
  b.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  b.write('        ', 148, 'ascii');
  b.write(type, 156, 'ascii');
  b.write('ustar\0', 257, 'ascii');
  b.write('00', 263, 'ascii');
  prefix.copy(b, 345);
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(octal(sum, 7) + ' ', 148, 'ascii');
  return b;
}

function listEntries(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(`${name}/`, ...listEntries(root, name));
    else if (entry.isFile()) out.push(name);
    else throw new Error(`数据目录中有无法备份的文件（不是普通文件或目录）：${path.join(root, name)}`);
  }
  return out;
}

/** Streams the tar of `dir`'s contents (names relative to it). */
export function tarDirectory(dir: string): Readable {
  const entries = listEntries(dir);
  return Readable.from(
    (async function* () {
      for (const name of entries) {
        const full = path.join(dir, name);
        const stat = fs.statSync(full);
        if (name.endsWith('/')) {
          yield header(name, 0, stat.mode, stat.mtimeMs, '5');
          continue;
        }
        yield header(name, stat.size, stat.mode, stat.mtimeMs, '0');
        let written = 0;
        for await (const chunk of fs.createReadStream(full)) {
          written += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
        if (written !== stat.size) throw new Error(`备份时文件大小改变了（数据库仍在写入？）：${full}`);
        if (written % BLOCK) yield Buffer.alloc(BLOCK - (written % BLOCK));
      }
      yield Buffer.alloc(BLOCK * 2);
    })(),
    { objectMode: false },
  );
}

function parseOctal(b: Buffer, start: number, length: number): number {
  const text = b.subarray(start, start + length).toString('ascii').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** A writable that extracts a tar made by tarDirectory into `dir` (which must exist). */
export function untarInto(dir: string): Writable {
  const root = path.resolve(dir);
  let pending: Buffer = Buffer.alloc(0);
  let file: { fd: number; remaining: number; padding: number } | null = null;
  let ended = false;

  const target = (name: string) => {
    const full = path.resolve(root, name);
    if (full !== root && !full.startsWith(root + path.sep)) throw new Error(`备份文件中的路径越出目标目录：${name}`);
    return full;
  };

  const consume = () => {
    for (;;) {
      if (file) {
        if (file.remaining > 0) {
          if (pending.length === 0) return;
          const part = pending.subarray(0, Math.min(pending.length, file.remaining));
          fs.writeSync(file.fd, part);
          file.remaining -= part.length;
          pending = pending.subarray(part.length);
          continue;
        }
        if (pending.length < file.padding) return;
        pending = pending.subarray(file.padding);
        fs.closeSync(file.fd);
        file = null;
        continue;
      }
      if (ended || pending.length < BLOCK) return;
      const h = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (h.every((byte) => byte === 0)) {
        ended = true;
        return;
      }
      const base = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const prefix = h.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
      const name = prefix ? `${prefix}/${base}` : base;
      const size = parseOctal(h, 124, 12);
      const mode = parseOctal(h, 100, 8) || 0o600;
      const type = String.fromCharCode(h[156] ?? 0x30);
      if (type === '5') {
        fs.mkdirSync(target(name), { recursive: true, mode });
        continue;
      }
      if (type !== '0' && type !== '\0') throw new Error(`备份文件中有不支持的条目类型 ${type}：${name}`);
      const full = target(name);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      file = { fd: fs.openSync(full, 'wx', mode), remaining: size, padding: size % BLOCK ? BLOCK - (size % BLOCK) : 0 };
    }
  };

  return new Writable({
    write(chunk: Buffer, _enc, callback) {
      try {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        consume();
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    final(callback) {
      if (file) fs.closeSync(file.fd);
      callback(ended && !file ? null : new Error('备份文件不完整（数据目录归档提前结束）'));
    },
  });
}
