/**
 * The last backup made on this machine: `yinfeng backup` writes YINFENG_DATA_DIR/last-backup.json
 * when it finishes, and `yinfeng doctor` reads its age. Backups made elsewhere (another host's cron)
 * are not seen here.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface BackupRecord {
  file: string;
  /** ISO time the backup finished */
  finishedAt: string;
  bytes: number;
  sha256: string;
}

const RECORD_FILE = 'last-backup.json';

export function writeBackupRecord(dataDir: string, record: BackupRecord): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, RECORD_FILE);
  fs.writeFileSync(`${file}.part`, `${JSON.stringify(record, null, 2)}\n`);
  fs.renameSync(`${file}.part`, file);
}

/** The record, or null when none was written (or it is unreadable). */
export function readBackupRecord(dataDir: string): BackupRecord | null {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(dataDir, RECORD_FILE), 'utf8')) as Partial<BackupRecord>;
    if (typeof r.file !== 'string' || typeof r.finishedAt !== 'string' || Number.isNaN(Date.parse(r.finishedAt))) return null;
    return { file: r.file, finishedAt: r.finishedAt, bytes: Number(r.bytes ?? 0), sha256: String(r.sha256 ?? '') };
  } catch {
    return null;
  }
}
