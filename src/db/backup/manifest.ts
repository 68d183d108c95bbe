/**
 * A Yinfeng backup file: a first line naming the format, a second line with the manifest (JSON), then
 * the payload — a gzip'd tar of the embedded data directory (PGlite) or a pg_dump custom-format archive
 * (PostgreSQL). The manifest says what the file is (runtime, schema migration level, time, app version,
 * every table's row count and checksum, the payload's size and sha256) so a restore can refuse a
 * wrong, damaged or too new file before it touches anything.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import type { TableChecksum } from './table-checksums';

export const BACKUP_MAGIC = 'YINFENG-BACKUP 1';
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const manifestSchema = z.object({
  format: z.literal('yinfeng-backup'),
  formatVersion: z.literal(1),
  runtime: z.enum(['pglite', 'postgres']),
  createdAt: z.string(),
  appVersion: z.string(),
  /** drizzle migrations applied (count and the newest one's time, as drizzle records it) */
  migrations: z.object({ count: z.number().int(), lastCreatedAt: z.number() }),
  /** `select version()` of the database, and for PostgreSQL its major version and the pg_dump used */
  server: z.object({ version: z.string(), major: z.number().int().optional(), dumpTool: z.string().optional() }),
  /** where it was taken (a directory or a URL without password), for messages */
  source: z.string(),
  tables: z.array(z.object({ table: z.string(), rows: z.number().int(), md5: z.string() })),
  payload: z.object({ encoding: z.enum(['tar+gzip', 'pg_dump-custom']), bytes: z.number().int(), sha256: z.string() }),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export const RUNTIME_LABELS = { pglite: '嵌入式数据库（PGlite 数据目录）', postgres: 'PostgreSQL 服务器' } as const;

export function summarizeTables(tables: TableChecksum[]): { tables: number; rows: number } {
  return { tables: tables.length, rows: tables.reduce((s, t) => s + t.rows, 0) };
}

/**
 * Writes the backup file from a payload already on disk: header, manifest, payload; through a
 * temporary name, renamed into place when complete (a failed backup never leaves a half file at `out`).
 */
export async function writeBackupFile(out: string, manifest: Omit<BackupManifest, 'payload'> & { payload: Omit<BackupManifest['payload'], 'bytes' | 'sha256'> }, payloadFile: string): Promise<BackupManifest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(payloadFile)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  const full: BackupManifest = { ...manifest, payload: { ...manifest.payload, bytes, sha256: hash.digest('hex') } };
  const tmp = `${out}.part`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${BACKUP_MAGIC}\n${JSON.stringify(full)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  await pipeline(fs.createReadStream(payloadFile), fs.createWriteStream(tmp, { flags: 'a' }));
  fs.renameSync(tmp, out);
  return full;
}

export interface OpenedBackup {
  manifest: BackupManifest;
  /** where the payload starts in the file */
  payloadOffset: number;
  payloadStream(): fs.ReadStream;
}

/** Reads and checks a backup file's header and manifest, then the payload's size and sha256. */
export async function openBackupFile(file: string): Promise<OpenedBackup> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new AppError('NOT_FOUND', `无法读取备份文件 ${file}：${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let head: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(MAX_MANIFEST_BYTES, fs.fstatSync(fd).size));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    head = buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
  const notBackup = () => new AppError('VALIDATION', `${file} 不是 Yinfeng 备份文件（应由 yinfeng backup --out 生成，开头为“${BACKUP_MAGIC}”）`);
  const first = head.indexOf(0x0a);
  if (first < 0 || head.subarray(0, first).toString('latin1') !== BACKUP_MAGIC) throw notBackup();
  const second = head.indexOf(0x0a, first + 1);
  if (second < 0) throw notBackup();
  let manifest: BackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(head.subarray(first + 1, second).toString('utf8')));
  } catch {
    throw new AppError('VALIDATION', `备份文件 ${file} 的清单无法识别（文件损坏，或来自不兼容的版本）`);
  }
  const payloadOffset = second + 1;
  const size = fs.statSync(file).size;
  if (size - payloadOffset !== manifest.payload.bytes) {
    throw new AppError('VALIDATION', `备份文件 ${file} 不完整：数据部分应为 ${manifest.payload.bytes} 字节，实际 ${size - payloadOffset} 字节（复制中断？）`);
  }
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { start: payloadOffset })) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== manifest.payload.sha256) throw new AppError('VALIDATION', `备份文件 ${file} 已损坏：数据部分的 SHA-256 校验和与清单不符`);
  return { manifest, payloadOffset, payloadStream: () => fs.createReadStream(file, { start: payloadOffset }) };
}

/** The migration level of this code (drizzle/meta/_journal.json) and the app's version (package.json). */
export function readCodeLevel(): { migrations: { count: number; lastCreatedAt: number }; appVersion: string } {
  const root = new URL('../../../', import.meta.url);
  const journal = JSON.parse(fs.readFileSync(new URL('drizzle/meta/_journal.json', root), 'utf8')) as { entries: { when: number }[] };
  const pkg = JSON.parse(fs.readFileSync(new URL('package.json', root), 'utf8')) as { version?: string };
  return {
    migrations: { count: journal.entries.length, lastCreatedAt: Math.max(0, ...journal.entries.map((e) => e.when)) },
    appVersion: String(pkg.version ?? '0'),
  };
}

/** Refuses a backup the running code cannot use: another runtime, or a schema newer than the code. */
export function checkBackupFits(manifest: BackupManifest, runtime: BackupManifest['runtime'], file: string): void {
  if (manifest.runtime !== runtime) {
    throw new AppError(
      'VALIDATION',
      `${file} 是${RUNTIME_LABELS[manifest.runtime]}的备份，而当前配置的是${RUNTIME_LABELS[runtime]}` +
        `（${runtime === 'postgres' ? '设置了 DATABASE_URL' : '未设置 DATABASE_URL'}）：两种运行方式的备份不能互相恢复。` +
        `请按备份的类型配置后再恢复${manifest.runtime === 'postgres' ? '（设置 DATABASE_URL 指向一个空的 PostgreSQL 数据库）' : '（不设 DATABASE_URL，YINFENG_DATA_DIR 指向一个空目录）'}。`,
    );
  }
  const code = readCodeLevel();
  if (manifest.migrations.count > code.migrations.count || manifest.migrations.lastCreatedAt > code.migrations.lastCreatedAt) {
    throw new AppError(
      'VALIDATION',
      `${file} 来自更新版本的 Yinfeng（${manifest.appVersion}，数据库迁移 ${manifest.migrations.count} 个），本程序只认识 ${code.migrations.count} 个迁移：请用不低于备份时的版本恢复`,
    );
  }
}
