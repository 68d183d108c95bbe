/**
 * Upload files an import job no longer needs, left in the data directory's imports/ folder because the
 * process was killed between the job's commit and the file's removal (or during an upload). Run by
 * `yinfeng serve` at start, before it takes requests:
 * - a file whose job has ended (succeeded, failed, cancelled) goes, whatever its age;
 * - a file without a job goes on the embedded database (the data directory's lock keeps every other
 *   process out, so no upload can be under way); on PostgreSQL another app process may be uploading
 *   it right now, so only when it is older than an hour;
 * - a file of a queued or running job stays (a running job of a dead process is failed, and its file
 *   removed, by the import job runner's own recovery).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { selectImportJobStatusByFile } from '../db/queries/import-job-files';
import { importFilesDir } from '../config/data-paths';

const UPLOAD_GRACE_MS = 3_600_000;

/** Removes the leftover files; returns how many. */
export async function removeLeftoverImportFiles(database: Database, config: Config, now = Date.now()): Promise<number> {
  const dir = importFilesDir(config);
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return 0; // no imports yet
  }
  const files = names.map((name) => path.join(dir, name));
  const statuses = await selectImportJobStatusByFile(database.db, files);
  let removed = 0;
  for (const file of files) {
    const status = statuses.get(file);
    if (status === 'queued' || status === 'running') continue;
    if (status === undefined && database.kind === 'postgres') {
      const stat = await fs.promises.stat(file).catch(() => null);
      if (!stat || now - stat.mtimeMs < UPLOAD_GRACE_MS) continue;
    }
    const stat = await fs.promises.lstat(file).catch(() => null);
    if (!stat?.isFile()) continue;
    await fs.promises.rm(file, { force: true });
    removed++;
  }
  return removed;
}
