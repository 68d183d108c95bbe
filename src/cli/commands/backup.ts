/** yinfeng backup / yinfeng restore: thin adapters over src/db/backup for either runtime. */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { checkBackupFits, openBackupFile, readCodeLevel, RUNTIME_LABELS, summarizeTables, type BackupManifest } from '../../db/backup/manifest';
import { writeBackupRecord } from '../../db/backup/backup-record';
import { backupPglite, restorePglite } from '../../db/backup/pglite-backup';
import { backupPostgres, restorePostgres } from '../../db/backup/postgres-backup';

export const BACKUP_HELP = `用法: yinfeng backup --out FILE

把配置的数据库备份到一个文件（FILE 不能已存在）：
  嵌入式数据库（未设 DATABASE_URL）：YINFENG_DATA_DIR 中数据库的完整副本。嵌入式数据库只允许一个进程打开，
    须先停止服务（systemctl stop yinfeng），备份后再启动；服务运行时备份会被拒绝。
  PostgreSQL（DATABASE_URL）：用服务器版本的 pg_dump（自定义格式）在线备份，不必停服务；
    设置了 YINFENG_OWNER_DATABASE_URL 时以表所有者身份备份。
文件开头的清单记录运行方式、数据库迁移版本、时间、程序版本、每张表的行数和校验和，恢复时据此检查。`;

export const RESTORE_HELP = `用法: yinfeng restore FILE [--force]

把 yinfeng backup 生成的备份恢复到配置的数据库（嵌入式：YINFENG_DATA_DIR；PostgreSQL：DATABASE_URL，
以 YINFENG_OWNER_DATABASE_URL 的所有者身份）。先检查文件（类型、完整性、版本），恢复后逐表核对行数与校验和。
  --force   目标已有数据库时替换它（嵌入式：原数据库改名保留为 pgdata.before-restore-时间；
            PostgreSQL：在一个事务中替换备份中的对象）。没有 --force 时拒绝覆盖非空的数据库。
嵌入式数据库须先停止服务。嵌入式与 PostgreSQL 的备份不能互相恢复。`;

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

function describe(manifest: BackupManifest): string {
  const { tables, rows } = summarizeTables(manifest.tables);
  return `${tables} 张表 ${rows.toLocaleString('en-US')} 行，数据库迁移 ${manifest.migrations.count} 个，Yinfeng ${manifest.appVersion}`;
}

export async function runBackup(config: Config, out: string): Promise<void> {
  const file = path.resolve(out);
  if (fs.existsSync(file)) throw new AppError('CONFLICT', `备份文件 ${file} 已存在：请换一个文件名（例如带上日期），或先删除它`);
  if (!fs.existsSync(path.dirname(file))) throw new AppError('NOT_FOUND', `备份文件所在的目录 ${path.dirname(file)} 不存在`);
  const started = Date.now();
  const manifest =
    config.database.kind === 'pglite'
      ? await backupPglite(config.database.dataDir, file)
      : await backupPostgres({ url: config.database.url, ownerUrl: config.database.ownerUrl }, file);
  // what `yinfeng doctor` reads for the age of the last backup
  writeBackupRecord(config.dataDir, { file, finishedAt: new Date().toISOString(), bytes: fs.statSync(file).size, sha256: manifest.payload.sha256 });
  console.log(
    `已备份到 ${file}（${formatBytes(fs.statSync(file).size)}，${((Date.now() - started) / 1000).toFixed(1)} 秒）：` +
      `${RUNTIME_LABELS[manifest.runtime]} ${manifest.source}，${describe(manifest)}\n  SHA-256 ${manifest.payload.sha256}`,
  );
}

export async function runRestore(config: Config, input: string, force: boolean): Promise<void> {
  const file = path.resolve(input);
  const backup = await openBackupFile(file);
  const runtime = config.database.kind;
  checkBackupFits(backup.manifest, runtime, file);
  const started = Date.now();
  const lines: string[] = [];
  if (config.database.kind === 'pglite') {
    const r = await restorePglite(config.database.dataDir, backup, file, force);
    lines.push(`已恢复到数据目录 ${config.database.dataDir}`);
    if (r.keptAt) lines.push(`  原数据库保留在 ${r.keptAt}（确认无误后可删除）`);
  } else {
    await restorePostgres({ url: config.database.url, ownerUrl: config.database.ownerUrl }, backup, file, force);
    lines.push(`已恢复到数据库 ${new URL(config.database.ownerUrl ?? config.database.url).pathname.slice(1)}`);
  }
  lines.push(`  备份 ${file}：${backup.manifest.createdAt} 取自 ${backup.manifest.source}，${describe(backup.manifest)}`);
  lines.push(`  逐表核对行数与校验和：一致（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  if (backup.manifest.migrations.count < readCodeLevel().migrations.count) lines.push('  备份的数据库版本较旧：下次启动（yinfeng serve 或 migrate）时自动迁移到本程序的版本');
  console.log(lines.join('\n'));
}
