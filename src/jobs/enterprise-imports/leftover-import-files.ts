/**
 * Upload files an import job no longer needs, left in the data directory's imports/ folder because the
 * process was killed between the job's commit and the file's removal (or during an upload). Run by
 * `yinfeng serve` at start, before it takes requests, and every night on the job engine (one process):
 * - a file whose job has ended (succeeded, failed, cancelled) goes, whatever its age;
 * - a file without a job goes at start on the embedded database (the data directory's lock keeps
 *   every other process out and requests are not taken yet, so no upload can be under way); otherwise
 *   an upload may be under way right now, so only when it is older than an hour;
 * - a file of a queued or running job stays (a running job of a dead process is failed, and its file
 *   removed, by the import queue's recovery pass, import-job-queue.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/config';
import type { Database } from '../../db/client';
import { selectImportJobStatusByFile } from '../../db/queries/enterprise-imports/import-job-files';
import { importFilesDir } from '../../config/data-paths';
import type { JobEngine } from '../engine';

const UPLOAD_GRACE_MS = 3_600_000;

export const LEFTOVER_FILES_QUEUE = 'import-files-cleanup';

/**
 * Removes the leftover files; returns how many. `atStart`: before the process takes requests (no
 * upload of its own under way).
 */
export async function removeLeftoverImportFiles(database: Database, config: Config, opts: { atStart: boolean; now?: number }): Promise<number> {
  const now = opts.now ?? Date.now();
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
    if (status === undefined && !(opts.atStart && database.kind === 'pglite')) {
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

/** The nightly cleanup on the job engine (03:30 北京时间 unless `cron`), before engine.start(). */
export async function defineLeftoverFilesJob(engine: JobEngine, database: Database, config: Config, opts: { cron?: string; onRemoved?: (n: number) => void } = {}): Promise<void> {
  engine.define({
    name: LEFTOVER_FILES_QUEUE,
    policy: 'stately',
    retryLimit: 0, // the next night tries again
    expireInSeconds: 3600,
    run: async () => {
      opts.onRemoved?.(await removeLeftoverImportFiles(database, config, { atStart: false }));
    },
  });
  await engine.schedule({ queue: LEFTOVER_FILES_QUEUE, cron: opts.cron ?? '30 3 * * *' });
}
