/**
 * Backup and restore of the embedded database (a PGlite data directory).
 *
 * PGlite is one process per data directory, and the running server holds the directory's lock, so a
 * backup cannot be taken from another process while the server runs: the operator stops the server,
 * backs up, starts it again (README: a systemd timer does the three). The backup opens the database
 * (under the lock) to record its manifest, closes it cleanly (a shutdown checkpoint) and archives the
 * closed data directory file by file (a streamed gzip'd tar, never whole in memory), still under the lock.
 *
 * A restore unpacks into a new directory beside pgdata, opens it and compares every table with the
 * manifest, and only then moves it into place; the database it replaces (with --force) is kept beside
 * it as pgdata.before-restore-TIME.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../domain/app-error';
import { createPglite, wrapPglite } from '../client';
import { acquireDataDirLock, DataDirBusyError, type DataDirLock } from '../data-dir-lock';
import { readCodeLevel, writeBackupFile, type BackupManifest, type OpenedBackup } from './manifest';
import { tarDirectory, untarInto } from './tar';
import { describeChecksumDifferences, selectMigrationLevel, selectServerVersion, selectTableChecksums, setChecksumOutputSettings, type TableChecksum } from './table-checksums';

function lockFor(dataDir: string, action: '备份' | '恢复'): DataDirLock {
  try {
    return acquireDataDirLock(dataDir, `yinfeng ${action === '备份' ? 'backup' : 'restore'}`);
  } catch (err) {
    if (!(err instanceof DataDirBusyError)) throw err;
    throw new AppError(
      'CONFLICT',
      `无法${action}：${err.message}\n嵌入式数据库只允许一个进程打开，运行中的服务不能在线${action}：请先停止服务（如 systemctl stop yinfeng），` +
        `${action}后再启动（README“备份与恢复”有定时备份的示例）；需要不停机备份请改用 PostgreSQL。`,
    );
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
}

async function readFacts(pgdata: string): Promise<{ tables: TableChecksum[]; migrations: BackupManifest['migrations']; version: string; major: number }> {
  const client = await createPglite({ dataDir: pgdata });
  try {
    const db = wrapPglite(client, pgdata).db;
    return await db.transaction(
      async (tx) => {
        await setChecksumOutputSettings(tx);
        const { version, major } = await selectServerVersion(tx);
        return { tables: await selectTableChecksums(tx), migrations: await selectMigrationLevel(tx), version, major };
      },
      { isolationLevel: 'repeatable read' },
    );
  } finally {
    await client.close();
  }
}

/** Writes the backup of the data directory to `out`; returns its manifest. */
export async function backupPglite(dataDir: string, out: string): Promise<BackupManifest> {
  const pgdata = path.join(dataDir, 'pgdata');
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) throw new AppError('NOT_FOUND', `数据目录 ${dataDir} 中没有数据库（${pgdata}），没有可备份的内容`);
  const lock = lockFor(dataDir, '备份');
  const payload = `${out}.payload`;
  const removeParts = () => {
    fs.rmSync(payload, { force: true });
    fs.rmSync(`${out}.part`, { force: true });
  };
  process.on('exit', removeParts);
  try {
    const facts = await readFacts(pgdata);
    await pipeline(tarDirectory(pgdata), zlib.createGzip({ level: 6 }), fs.createWriteStream(payload, { mode: 0o600 }));
    return await writeBackupFile(
      out,
      {
        format: 'yinfeng-backup',
        formatVersion: 1,
        runtime: 'pglite',
        createdAt: new Date().toISOString(),
        appVersion: readCodeLevel().appVersion,
        migrations: facts.migrations,
        server: { version: facts.version, major: facts.major },
        source: dataDir,
        tables: facts.tables,
        payload: { encoding: 'tar+gzip' },
      },
      payload,
    );
  } finally {
    process.off('exit', removeParts);
    removeParts();
    lock.release();
  }
}

export interface RestoreOutcome {
  tables: TableChecksum[];
  /** where the replaced database was moved (with --force) */
  keptAt: string | null;
}

/** Restores a checked backup into the data directory (refusing one that holds a database, unless `force`). */
export async function restorePglite(dataDir: string, backup: OpenedBackup, file: string, force: boolean): Promise<RestoreOutcome> {
  const lock = lockFor(dataDir, '恢复');
  const pgdata = path.join(dataDir, 'pgdata');
  const stamp = timestamp();
  const staging = `${pgdata}.restoring-${stamp}`;
  // stopped half way (SIGTERM, Ctrl-C: process-stop.ts exits), the half-unpacked directory goes too
  const removeStaging = () => fs.rmSync(staging, { recursive: true, force: true });
  process.on('exit', removeStaging);
  try {
    const existing = fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0;
    if (existing && !force) {
      throw new AppError(
        'CONFLICT',
        `数据目录 ${dataDir} 中已有数据库，恢复会替换它：确认替换请加 --force（原数据库将保留为 pgdata.before-restore-时间，确认无误后可删除）`,
      );
    }
    fs.mkdirSync(staging, { recursive: false, mode: 0o700 });
    await pipeline(backup.payloadStream(), zlib.createGunzip(), untarInto(staging));
    let tables: TableChecksum[];
    try {
      tables = (await readFacts(staging)).tables;
    } catch (err) {
      throw new AppError('VALIDATION', `恢复出的数据目录无法打开（备份来自其他版本的嵌入式数据库？${backup.manifest.server.version}）：${err instanceof Error ? err.message : String(err)}`);
    }
    const problems = describeChecksumDifferences(backup.manifest.tables, tables);
    if (problems.length > 0) throw new AppError('VALIDATION', `恢复结果与备份 ${file} 的清单不符，未替换现有数据：${problems.slice(0, 20).join('；')}`);
    let keptAt: string | null = null;
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length === 0) fs.rmdirSync(pgdata);
    if (fs.existsSync(pgdata)) {
      keptAt = `${pgdata}.before-restore-${stamp}`;
      fs.renameSync(pgdata, keptAt);
    }
    fs.renameSync(staging, pgdata);
    return { tables, keptAt };
  } finally {
    process.off('exit', removeStaging);
    removeStaging();
    lock.release();
  }
}
